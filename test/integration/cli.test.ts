// The CLI's own commands through main(): help, usage errors, cmd, OPML import/export, config errors.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { startFeedServer, type FeedServer } from '../fakes/feed-server.js';
import { deleteByPrefix, testPrefix, TEST_REDIS_URL } from '../helpers/redis.js';
import { rssFeed } from '../helpers/rss.js';
import { Capture } from '../helpers/streams.js';

const prefix = testPrefix('cli');
let server: FeedServer;
let dir: string;
let configFile: string;

async function run(args: string[], env: Record<string, string> = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main([...args], { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, LOG_LEVEL: 'silent', ...env }, { stdout, stderr });
  return { code, out: stdout.text, err: stderr.text };
}

beforeAll(async () => {
  server = await startFeedServer();
  server.set('/a.xml', { body: rssFeed('Feed A', [{ guid: 'a1', title: 'A one', description: 'text', link: server.url('/a1') }]), contentType: 'application/rss+xml' });
  server.set('/page.html', { body: '<html><body><p>no feed here</p></body></html>', contentType: 'text/html' });
  dir = await mkdtemp(path.join(tmpdir(), 'sw-cli-'));
  configFile = path.join(dir, 'c.yaml');
  await writeFile(configFile, `sources:\n  - id: feed-a\n    kind: rss\n    url: ${server.url('/a.xml')}\nfetch:\n  allowHosts: ["127.0.0.1"]\n`);
});

afterAll(async () => {
  await server.close();
  await deleteByPrefix(prefix);
});

describe('standards-watch CLI', () => {
  it('prints help for the program and for each command, and refuses unknown ones with the usage', async () => {
    expect((await run(['--help'])).out).toMatch(/standards-watch start \[--roles poller,worker,bot,http\]/);
    expect((await run(['once', '--help'])).out).toMatch(/^Usage: standards-watch once \[--json\]/);
    const bad = await run(['launch']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^Unknown command "launch"\./);
    const roles = await run(['start', '--roles', 'poller,cook']);
    expect(roles.code).toBe(2);
    expect(roles.err).toMatch(/Unknown role cook: roles are poller, worker, bot, http\./);
  });

  it('refuses a bad config file with the key, the value and what was expected, before touching Redis', async () => {
    const broken = path.join(dir, 'broken.yaml');
    await writeFile(broken, 'sources:\n  - id: Bad Id\n    kind: rss\n    url: ftp://example.org/feed\n');
    const r = await run(['once', '--config', broken, '--no-default-sources'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(r.code).toBe(78);
    expect(r.err).toContain('Invalid configuration:');
    expect(r.err).toContain(`${broken}: sources[0].id: got "Bad Id" — expected an id of lowercase letters, digits and dashes, such as "itu-news"`);
    expect(r.err).toContain(`${broken}: sources[0].url: got "ftp://example.org/feed" — expected an http(s) URL`);
  });

  it('says what to install or set when no Redis answers at REDIS_URL', async () => {
    const r = await run(['cmd', 'tags', '--no-default-sources'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(r.code).toBe(69);
    expect(r.err).toMatch(/^Redis does not answer at REDIS_URL=redis:\/\/127\.0\.0\.1:1/);
  });

  it('answers a chat command in the terminal', async () => {
    const r = await run(['cmd', 'next-meeting', 'metaverse focus group']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/FG-MV/);
    expect(r.out).toMatch(/Final meeting, 12–13 Jun 2024, Geneva, Switzerland/);
  });

  it('checks one URL and says what it found, or what is wrong in plain words', async () => {
    const ok = await run(['sources', 'check', server.url('/a.xml'), '--config', configFile]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/A one/);
    const notFeed = await run(['sources', 'check', server.url('/page.html'), '--config', configFile]);
    expect(notFeed.code).toBe(1);
  });

  it('exports every source as OPML and imports an OPML file (dry run first), trial-fetching each feed', async () => {
    const exported = await run(['sources', 'export', '--config', configFile, '--no-default-sources']);
    expect(exported.code).toBe(0);
    expect(exported.out).toMatch(/^<\?xml/);
    expect(exported.out).toContain(`xmlUrl="${server.url('/a.xml')}"`);
    const opml = path.join(dir, 'reader.opml');
    server.set('/b.xml', { body: rssFeed('Feed B', [{ guid: 'b1', title: 'B one', description: 'text', link: server.url('/b1') }]), contentType: 'application/rss+xml' });
    await writeFile(opml, `<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body><outline text="Standards"><outline type="rss" text="Feed B" xmlUrl="${server.url('/b.xml')}"/><outline type="rss" text="Broken" xmlUrl="${server.url('/missing.xml')}"/></outline></body></opml>`);
    const dry = await run(['sources', 'import', opml, '--dry-run', '--config', configFile, '--no-default-sources']);
    expect(dry.out).toMatch(/^Would add 1 source\(s\); skipped 0; failed 1\./);
    const real = await run(['sources', 'import', opml, '--config', configFile, '--no-default-sources']);
    expect(real.out).toMatch(/^Added 1 source\(s\)/);
    const after = await run(['sources', 'export', '--config', configFile, '--no-default-sources']);
    expect(after.out).toContain(`xmlUrl="${server.url('/b.xml')}"`);
  });
});
