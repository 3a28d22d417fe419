import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/errors.js';
import { buildConfig, readConfigDocuments } from '../../../src/config/load.js';

const doc = (text: string, name = 'my.yaml') => ({ name, text, isDefault: false });

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('buildConfig', () => {
  it('refuses a bad source interval with the key, the value and what was expected', () => {
    const problems = problemsOf(() => buildConfig({ env: {}, documents: [doc('sources:\n  - id: news\n    kind: rss\n    url: https://example.org/feed\n    every: fast\n')] }));
    expect(problems).toEqual(['my.yaml: sources[0].every: got "fast" — expected a duration of at least 1s, such as 30s, 15m, 1h or 1d']);
  });

  it('refuses an unknown source kind and an unknown key in one go', () => {
    const problems = problemsOf(() => buildConfig({ env: {}, documents: [doc('sources:\n  - id: news\n    kind: atomz\n    url: https://example.org/feed\n    evrey: 5m\n')] }));
    expect(problems).toContain('my.yaml: sources[0].kind: got "atomz" — expected one of rss, ics, itu-group, html');
    expect(problems.some((p) => p.includes('sources[0].evrey: unknown key'))).toBe(true);
  });

  it('refuses bad environment values, each with its key and expectation', () => {
    const problems = problemsOf(() => buildConfig({ env: { HTTP_PORT: 'eighty', REDIS_URL: 'localhost:6379' }, documents: [] }));
    expect(problems).toContain('HTTP_PORT: got "eighty" — expected a port number from 0 to 65535');
    expect(problems).toContain('REDIS_URL: got "localhost:6379" — expected a redis:// or rediss:// URL such as redis://127.0.0.1:6379');
  });

  it('refuses an unknown time zone in a hand-kept meeting', () => {
    const problems = problemsOf(() => buildConfig({ env: {}, documents: [doc('meetings:\n  - group: g\n    title: t\n    start: 2024-01-01\n    timeZone: Europe/Atlantis\n')] }));
    expect(problems).toEqual(['my.yaml: meetings[0].timeZone: got "Europe/Atlantis" — expected an IANA time zone such as Europe/Zurich or UTC']);
  });

  it('says which file is not YAML', () => {
    const problems = problemsOf(() => buildConfig({ env: {}, documents: [doc('sources: [\n', 'broken.yaml')] }));
    expect(problems[0]).toMatch(/^broken\.yaml: not valid YAML/);
  });

  it('lets a user file replace a default source with the same id, and --no-default-sources drop the defaults', () => {
    const defaults = { name: 'config/sources.yaml', isDefault: true, text: 'sources:\n  - id: a\n    kind: rss\n    url: https://a.example/feed\n  - id: b\n    kind: rss\n    url: https://b.example/feed\n' };
    const mine = doc('sources:\n  - id: b\n    kind: rss\n    url: https://mine.example/feed\n    every: 30s\n');
    const merged = buildConfig({ env: {}, documents: [defaults, mine] });
    expect(merged.sources.map((s) => [s.id, s.url, s.everyMs])).toEqual([
      ['a', 'https://a.example/feed', 900_000],
      ['b', 'https://mine.example/feed', 30_000],
    ]);
    const mineOnly = buildConfig({ env: {}, documents: [defaults, mine], noDefaultSources: true });
    expect(mineOnly.sources.map((s) => s.id)).toEqual(['b']);
  });

  it('uses the documented defaults', () => {
    const config = buildConfig({ env: {}, documents: [] });
    expect(config.redis).toEqual({ url: undefined, prefix: 'sw' });
    expect(config.http.port).toBe(8080);
    expect(config.matrix).toBeUndefined();
    expect(config.discord).toBeUndefined();
    expect(config.summarizer).toEqual({ kind: 'extractive' });
  });

  it('accepts the shipped config files', async () => {
    const documents = await readConfigDocuments({ files: [] });
    const config = buildConfig({ env: {}, documents });
    expect(config.sources.length).toBeGreaterThan(3);
    expect(config.groups.find((g) => g.id === 'itu-t-fg-mv')?.names).toContain('FG-MV');
    expect(Object.keys(config.taxonomy)).toEqual(expect.arrayContaining(['digital-identity', 'surveillance', 'social-credit']));
    expect(config.meetings.some((m) => m.groupId === 'itu-t-fg-mv' && m.start === '2023-10-03')).toBe(true);
  });
});

describe('readConfigDocuments', () => {
  it('reads every YAML file of a directory given as --config, in name order, and names a missing file', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(tmpdir(), 'sw-config-'));
    await writeFile(path.join(dir, 'b.yaml'), 'alerts:\n  maxPerHour: 5\n');
    await writeFile(path.join(dir, 'a.yml'), 'alerts:\n  maxPerHour: 3\n');
    await writeFile(path.join(dir, 'notes.txt'), 'not config');
    const docs = await readConfigDocuments({ files: [dir] });
    const mine = docs.filter((d) => !d.isDefault).map((d) => path.basename(d.name));
    expect(mine).toEqual(['a.yml', 'b.yaml']);
    expect(buildConfig({ env: {}, documents: docs }).alerts.maxPerHour).toBe(5);
    await expect(readConfigDocuments({ files: [path.join(dir, 'missing.yaml')] })).rejects.toThrow(/missing\.yaml: cannot read the config file \(ENOENT\)/);
  });
});
