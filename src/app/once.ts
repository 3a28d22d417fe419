// `standards-watch once`: poll every source once, run the whole pipeline until
// it is drained, and report what was new — as JSON lines on stdout with --json
// (and nothing else there), or as text.
import type { Queue } from 'bullmq';
import type { Item, Source } from '../core/types.js';
import { countPending, jobIds } from '../jobs/queues.js';
import type { PollResult } from '../jobs/processors/poll-source.js';
import type { App } from './app.js';
import { startPipelineWorkers } from './pipeline.js';

export interface OnceOptions {
  json: boolean;
  /** stdout: JSON lines or the closing summary. */
  out: NodeJS.WritableStream;
  /** Where progress lines for people go (stderr with --json). */
  notices: NodeJS.WritableStream;
  drainTimeoutMs?: number;
}

export function itemJson(item: Item) {
  return {
    id: item.id,
    source: item.sourceId,
    url: item.url,
    title: item.title,
    published: item.published,
    summary: item.summary,
    tags: item.tags,
    groups: item.groups,
    entities: item.entities,
    score: item.score,
    story: item.storyId,
  };
}

const FINISHED = new Set(['completed', 'failed', 'unknown']);

async function waitForJobs(queue: Queue, ids: string[], deadline: number): Promise<void> {
  let pending = ids;
  while (pending.length > 0 && Date.now() < deadline) {
    const states = await Promise.all(pending.map((id) => queue.getJobState(id)));
    pending = pending.filter((_, i) => !FINISHED.has(states[i] as string));
    if (pending.length > 0) await new Promise((r) => setTimeout(r, 40));
  }
}

async function waitForDrain(queue: Queue, deadline: number): Promise<number> {
  for (;;) {
    const pending = await countPending(queue);
    if (pending === 0 || Date.now() >= deadline) return pending;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function seededNotice(source: Source, items: Item[]): string {
  const newest = [...items].sort((a, b) => b.published.localeCompare(a.published)).slice(0, 3);
  const titles = newest.map((i) => `"${i.title.length > 70 ? `${i.title.slice(0, 67)}...` : i.title}"`).join(', ');
  return `${source.id}: first poll — stored ${items.length} item${items.length === 1 ? '' : 's'}${titles ? ` (newest: ${titles})` : ''}; no alerts for these, later new items will alert.\n`;
}

export async function runOnce(app: App, opts: OnceOptions): Promise<{ newItemIds: string[]; results: PollResult[] }> {
  const deadline = Date.now() + (opts.drainTimeoutMs ?? 120_000);
  const workers = startPipelineWorkers(app, { onSeeded: (source, items) => opts.notices.write(seededNotice(source, items)) });
  try {
    const sources = (await app.listSources()).filter((s) => !s.paused);
    const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const pollIds = sources.map((s) => jobIds.pollOnce(runId, s.id));
    await app.queues.poll.addBulk(sources.map((s, i) => ({ name: 'poll', data: { sourceId: s.id, force: true }, opts: { jobId: pollIds[i] } })));
    await waitForJobs(app.queues.poll, pollIds, deadline);

    const results: PollResult[] = [];
    for (const id of pollIds) {
      const job = await app.queues.poll.getJob(id);
      if (job?.returnvalue) results.push(job.returnvalue as PollResult);
      else if (job?.failedReason) opts.notices.write(`${job.data.sourceId}: poll failed — ${job.failedReason}\n`);
    }
    for (const r of results) if (r.status === 'failed') opts.notices.write(`${r.sourceId}: fetch or parse failed — ${r.error}\n`);

    const newIds = results.flatMap((r) => r.newItemIds);
    await waitForJobs(app.queues.enrich, newIds.map(jobIds.enrich), deadline);
    const left = await waitForDrain(app.queues.deliver, deadline);
    if (left > 0) opts.notices.write(`${left} alert${left === 1 ? '' : 's'} still waiting to be delivered (a platform may be down); they stay queued for the next run.\n`);

    // Printed in chunks: a first run over many sources can bring tens of thousands of items.
    if (opts.json) {
      for (let i = 0; i < newIds.length; i += 500) {
        const chunk = (await app.stores.items.getMany(newIds.slice(i, i + 500))).sort((a, b) => a.published.localeCompare(b.published));
        for (const item of chunk) opts.out.write(`${JSON.stringify(itemJson(item))}\n`);
      }
    } else {
      const failed = results.filter((r) => r.status === 'failed').length;
      opts.out.write(`${newIds.length} new item${newIds.length === 1 ? '' : 's'} from ${sources.length} source${sources.length === 1 ? '' : 's'}${failed ? ` (${failed} failed)` : ''}.\n`);
    }
    return { newItemIds: newIds, results };
  } finally {
    await workers.close();
  }
}
