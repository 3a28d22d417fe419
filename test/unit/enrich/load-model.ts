// Builds the enrichment model from the shipped config (config/taxonomy.yaml,
// config/organisations.yaml) and the test groups (test/fixtures/enrich/groups.json).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Group } from '../../../src/core/types.js';
import { buildEnrichModel, type EnrichModel, type Organisation, type TaxonomyEntry } from '../../../src/core/enrich/index.js';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '..', '..', '..');
export const fixturesDir = join(here, '..', '..', 'fixtures', 'enrich');

export function loadTaxonomy(): Record<string, TaxonomyEntry> {
  return (parse(readFileSync(join(repoRoot, 'config', 'taxonomy.yaml'), 'utf8')) as { taxonomy: Record<string, TaxonomyEntry> }).taxonomy;
}

export function loadOrganisations(): Organisation[] {
  return (parse(readFileSync(join(repoRoot, 'config', 'organisations.yaml'), 'utf8')) as { organisations: Organisation[] }).organisations;
}

export function loadGroups(): Group[] {
  return JSON.parse(readFileSync(join(fixturesDir, 'groups.json'), 'utf8')) as Group[];
}

export function loadModel(): EnrichModel {
  return buildEnrichModel({ taxonomy: loadTaxonomy(), groups: loadGroups(), organisations: loadOrganisations() });
}

export interface LabelledItem {
  id: string;
  source: string;
  published: string;
  title: string;
  content: string;
  expected: { tags: string[]; groups: string[]; story: string };
}

export function loadLabelled(): LabelledItem[] {
  return (JSON.parse(readFileSync(join(fixturesDir, 'labelled.json'), 'utf8')) as { items: LabelledItem[] }).items;
}

export function readSeed(name: string): { title: string; text: string } {
  const raw = readFileSync(join(fixturesDir, 'seeds', name), 'utf8');
  const [title = '', ...rest] = raw.split('\n');
  return { title: title.trim(), text: rest.join('\n').trim() };
}

export const SEED_FILES = ['000_254cb7f8a557f87f.txt', '001_05a0526a49a17bfd.txt'];
