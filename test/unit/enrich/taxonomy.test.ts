import { describe, expect, it } from 'vitest';
import { buildEnrichModel, enrich, type TaxonomyEntry } from '../../../src/core/enrich/index.js';
import { loadModel, loadTaxonomy } from './load-model.js';

const model = loadModel();
const tagsOf = (title: string, content = ''): string[] => enrich({ title, content, sourceTags: [] }, model).tags;

describe('taxonomy tagging', () => {
  it('ships the required topics', () => {
    expect(Object.keys(loadTaxonomy())).toEqual(
      expect.arrayContaining([
        'digital-identity', 'surveillance', 'privacy', 'social-credit', 'biometrics', 'encryption', 'censorship',
        'internet-shutdowns', 'internet-governance', 'metaverse', 'ai', 'data-retention', 'law-enforcement-access',
        'standards-process',
      ]),
    );
  });

  it('matches stemmed variants and hyphenated forms', () => {
    expect(tagsOf('Governments roll out digital IDs')).toContain('digital-identity');
    expect(tagsOf('New identity systems for refugees')).toContain('digital-identity');
    expect(tagsOf('A social-credit style scheme')).toContain('social-credit');
    expect(tagsOf('End to end encrypted messaging under threat')).toContain('encryption');
  });

  it('does not match a term inside another word', () => {
    expect(tagsOf('He said the rain fell', 'Paid maids waited in the plaid aisle.')).not.toContain('ai');
    expect(tagsOf('Screen ID badges', 'Aid agencies and Haidian district officials met.')).not.toContain('ai');
    expect(tagsOf('Regulators discuss AI rules')).toContain('ai');
  });

  it('requires capitals for a one-word acronym term', () => {
    expect(tagsOf('Ai Weiwei opens an exhibition')).not.toContain('ai');
  });

  it('ignores terms inside an excluded phrase but counts them elsewhere', () => {
    expect(tagsOf('Airline unveils new brand identity')).not.toContain('digital-identity');
    const taxonomy: Record<string, TaxonomyEntry> = {
      identity: { label: 'Identity', terms: ['identity'], exclude: ['brand identity'] },
    };
    const m = buildEnrichModel({ taxonomy, groups: [], organisations: [] });
    expect(enrich({ title: 'brand identity', content: '', sourceTags: [] }, m).tags).toEqual([]);
    expect(enrich({ title: 'brand identity and identity theft', content: '', sourceTags: [] }, m).tags).toEqual(['identity']);
  });

  it('needs minHits mentions when configured', () => {
    const taxonomy: Record<string, TaxonomyEntry> = { privacy: { label: 'Privacy', terms: ['privacy'], minHits: 2 } };
    const m = buildEnrichModel({ taxonomy, groups: [], organisations: [] });
    expect(enrich({ title: 'Privacy', content: 'Nothing else.', sourceTags: [] }, m).tags).toEqual([]);
    expect(enrich({ title: 'Privacy', content: 'More on privacy.', sourceTags: [] }, m).tags).toEqual(['privacy']);
  });

  it('merges source tags after the matched ones, without duplicates', () => {
    const r = enrich({ title: 'Digital identity at the ITU', content: '', sourceTags: ['itu', 'digital-identity'] }, model);
    expect(r.tags).toEqual(['digital-identity', 'itu']);
  });
});
