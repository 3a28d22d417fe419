// A module-level tally per test file: each fault test adds what it ran and
// what it counted at the fakes; afterAll prints one summary line per group.
export interface GroupTally {
  faults: number;
  expected: number;
  sent: number;
  duplicated: number;
  lost: number;
  tried: number;
  refused: number;
}

const groups = new Map<string, GroupTally>();

export function tally(group: string): GroupTally {
  let t = groups.get(group);
  if (!t) {
    t = { faults: 0, expected: 0, sent: 0, duplicated: 0, lost: 0, tried: 0, refused: 0 };
    groups.set(group, t);
  }
  return t;
}

/** Counts messages per key (e.g. per item): sent, duplicated (extra copies) and lost (expected keys with none). */
export function countDeliveries(group: string, expectedKeys: readonly string[], sentKeys: readonly string[]): { sent: number; duplicated: number; lost: number } {
  const perKey = new Map<string, number>();
  for (const k of sentKeys) perKey.set(k, (perKey.get(k) ?? 0) + 1);
  const duplicated = [...perKey.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
  const lost = expectedKeys.filter((k) => !perKey.has(k)).length;
  const t = tally(group);
  t.expected += expectedKeys.length;
  t.sent += sentKeys.length;
  t.duplicated += duplicated;
  t.lost += lost;
  return { sent: sentKeys.length, duplicated, lost };
}

export function summaryLines(): string[] {
  return [...groups.entries()].map(
    ([name, t]) =>
      `[faults] ${name}: faults run ${t.faults}; messages expected ${t.expected}, sent ${t.sent}, duplicated ${t.duplicated}, lost ${t.lost}; inputs tried ${t.tried}, refused ${t.refused}`,
  );
}

/** For afterAll: prints the file's figures (vitest shows a test file's console output). */
export function printSummary(): void {
  for (const line of summaryLines()) console.info(line);
}
