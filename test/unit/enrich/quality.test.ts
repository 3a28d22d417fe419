// Enrichment quality on the labelled development set (test/fixtures/enrich/labelled.json):
// tag and group precision/recall/F1 (micro), story clustering pairwise F1 with pickStory in
// published order, and relevance separation. Prints the figures; fails under the floors.
import { describe, expect, it } from 'vitest';
import { enrich, pickStory, type EnrichResult, type StoryCandidate } from '../../../src/core/enrich/index.js';
import { loadLabelled, loadModel, type LabelledItem } from './load-model.js';

const TAG_F1_FLOOR = 0.85;
const GROUP_F1_FLOOR = 0.9;
const STORY_F1_FLOOR = 0.9;
/** Without the time window every pair of items is compared: the harder case. */
const STORY_F1_UNWINDOWED_FLOOR = 0.7;
const WEEK_MS = 7 * 24 * 3600 * 1000;

const model = loadModel();
const items = loadLabelled();
const results = new Map<string, EnrichResult>(
  items.map((it) => [it.id, enrich({ title: it.title, content: it.content, sourceTags: [] }, model)]),
);

function prf(pairs: Array<{ expected: string[]; got: string[] }>): { p: number; r: number; f1: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { expected, got } of pairs) {
    const e = new Set(expected);
    const g = new Set(got);
    for (const x of g) if (e.has(x)) tp++;
    else fp++;
    for (const x of e) if (!g.has(x)) fn++;
  }
  const p = tp + fp === 0 ? 1 : tp / (tp + fp);
  const r = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

function cluster(list: LabelledItem[], windowMs: number): Map<string, string> {
  const ordered = [...list].sort((a, b) => Date.parse(a.published) - Date.parse(b.published));
  const seen: StoryCandidate[] = [];
  const story = new Map<string, string>();
  for (const it of ordered) {
    const signature = (results.get(it.id) as EnrichResult).signature;
    const publishedMs = Date.parse(it.published);
    const storyId = pickStory(signature, seen, publishedMs, windowMs) ?? `story-${it.id}`;
    story.set(it.id, storyId);
    seen.push({ storyId, signature, publishedMs });
  }
  return story;
}

function pairwiseF1(predicted: Map<string, string>): { p: number; r: number; f1: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i] as LabelledItem;
      const b = items[j] as LabelledItem;
      const same = a.expected.story === b.expected.story;
      const together = predicted.get(a.id) === predicted.get(b.id);
      if (same && together) tp++;
      else if (together) fp++;
      else if (same) fn++;
    }
  }
  const p = tp + fp === 0 ? 1 : tp / (tp + fp);
  const r = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

const fmt = (m: { p: number; r: number; f1: number }): string =>
  `P ${m.p.toFixed(3)}  R ${m.r.toFixed(3)}  F1 ${m.f1.toFixed(3)}`;

describe('enrichment quality on the labelled set', () => {
  it('has a development set of at least 40 items with multi-outlet stories', () => {
    expect(items.length).toBeGreaterThanOrEqual(40);
    const perStory = new Map<string, number>();
    for (const it of items) perStory.set(it.expected.story, (perStory.get(it.expected.story) ?? 0) + 1);
    expect([...perStory.values()].filter((n) => n >= 2).length).toBeGreaterThanOrEqual(8);
  });

  it(`tags items with micro F1 ≥ ${TAG_F1_FLOOR}`, () => {
    const m = prf(items.map((it) => ({ expected: it.expected.tags, got: (results.get(it.id) as EnrichResult).tags })));
    console.log(`[quality] tags   ${fmt(m)}  (floor F1 ${TAG_F1_FLOOR})`);
    expect(m.f1).toBeGreaterThanOrEqual(TAG_F1_FLOOR);
  });

  it(`finds the groups an item names with micro F1 ≥ ${GROUP_F1_FLOOR}`, () => {
    const m = prf(items.map((it) => ({ expected: it.expected.groups, got: (results.get(it.id) as EnrichResult).groups })));
    console.log(`[quality] groups ${fmt(m)}  (floor F1 ${GROUP_F1_FLOOR})`);
    expect(m.f1).toBeGreaterThanOrEqual(GROUP_F1_FLOOR);
  });

  it(`clusters stories with pairwise F1 ≥ ${STORY_F1_FLOOR} within a one-week window`, () => {
    const m = pairwiseF1(cluster(items, WEEK_MS));
    console.log(`[quality] story (7-day window) ${fmt(m)}  (floor F1 ${STORY_F1_FLOOR})`);
    expect(m.f1).toBeGreaterThanOrEqual(STORY_F1_FLOOR);
  });

  it(`clusters stories with pairwise F1 ≥ ${STORY_F1_UNWINDOWED_FLOOR} when every item is compared with every other`, () => {
    const m = pairwiseF1(cluster(items, Number.POSITIVE_INFINITY));
    console.log(`[quality] story (no window)    ${fmt(m)}  (floor F1 ${STORY_F1_UNWINDOWED_FLOOR})`);
    expect(m.f1).toBeGreaterThanOrEqual(STORY_F1_UNWINDOWED_FLOOR);
  });

  it('scores every off-topic item below every on-topic item that names a body or group', () => {
    const off = items.filter((it) => it.expected.tags.length === 0).map((it) => (results.get(it.id) as EnrichResult).score);
    const onWithBody = items
      .filter((it) => it.expected.tags.length > 0 && it.expected.groups.length > 0)
      .map((it) => (results.get(it.id) as EnrichResult).score);
    const on = items.filter((it) => it.expected.tags.length > 0).map((it) => (results.get(it.id) as EnrichResult).score);
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    console.log(
      `[quality] score  off-topic max ${Math.max(...off).toFixed(3)} mean ${mean(off).toFixed(3)}; ` +
        `on-topic mean ${mean(on).toFixed(3)}; on-topic naming a group min ${Math.min(...onWithBody).toFixed(3)}`,
    );
    expect(Math.max(...off)).toBeLessThan(Math.min(...onWithBody));
    expect(Math.max(...off)).toBeLessThanOrEqual(0.25);
    expect(mean(on)).toBeGreaterThan(0.5);
  });
});
