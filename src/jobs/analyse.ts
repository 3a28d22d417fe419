// The enrich job's text work: the pure enricher, plus the I/O it may need —
// the article page when the feed gave only a teaser (or the source asks for
// it), and an optional OpenAI-compatible summariser that falls back to the
// extractive summary.
import type { Logger } from 'pino';
import { enrich, type EnrichModel } from '../core/enrich/index.js';
import { errorMessage } from '../core/errors.js';
import type { Item, Source } from '../core/types.js';
import type { Fetcher } from '../feeds/fetcher.js';
import type { Analysis } from './processors/enrich-item.js';

export type AbstractiveSummariser = (input: { title: string; text: string }) => Promise<string>;

export interface AnalyserDeps {
  model: EnrichModel;
  /** Fetches article pages; absent → never fetch. */
  fetcher?: Fetcher;
  summariser?: AbstractiveSummariser;
  log: Logger;
}

export function createAnalyser(deps: AnalyserDeps) {
  return async function analyse(item: Item, source: Source | undefined, signal?: AbortSignal): Promise<Analysis> {
    const input = { title: item.title, content: item.content, sourceTags: source?.tags ?? [], sourceBody: source?.body, sourceGroup: source?.group };
    let result = enrich(input, deps.model);
    if (deps.fetcher && item.url && (source?.fetchArticle || result.teaser)) {
      try {
        const page = await deps.fetcher.fetch({ url: item.url, accept: 'text/html,application/xhtml+xml', signal });
        if (page.status === 'ok') {
          const { extractArticle } = await import('../core/enrich/article.js');
          const article = extractArticle(page.body.toString('utf8'), page.url);
          if (article && article.text.length > result.text.length) result = enrich({ ...input, content: article.text }, deps.model);
        }
      } catch (err) {
        deps.log.info({ itemId: item.id, url: item.url, err: errorMessage(err) }, 'article page not fetched; using the feed text');
      }
    }
    let summary = result.summary;
    if (deps.summariser && result.text) {
      try {
        const abstractive = (await deps.summariser({ title: item.title, text: result.text })).trim();
        if (abstractive) summary = abstractive;
      } catch (err) {
        deps.log.warn({ itemId: item.id, err: errorMessage(err) }, 'summariser failed; kept the extractive summary');
      }
    }
    return { text: result.text, summary, tags: result.tags, entities: result.entities, groups: result.groups, score: result.score, signature: result.signature };
  };
}
