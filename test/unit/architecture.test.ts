// The module map, enforced: imports flow one way, and each SDK lives in one place.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });
}

interface Import {
  file: string;
  spec: string;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) out.push({ file, spec: m[1]! });
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ file, spec: m[1]! });
  return out;
}

const all = files(SRC).flatMap(importsOf);
const rel = (f: string) => path.relative(SRC, f).split(path.sep).join('/');
// Relative imports become paths under src/ (e.g. core/types.js); packages stay as written.
const target = (i: Import) => (i.spec.startsWith('.') ? rel(path.resolve(path.dirname(i.file), i.spec)) : i.spec);

function violations(fromPrefix: (f: string) => boolean, forbidden: (t: string) => boolean): string[] {
  return all.filter((i) => fromPrefix(rel(i.file)) && forbidden(target(i))).map((i) => `${rel(i.file)} imports ${i.spec}`);
}

describe('module boundaries', () => {
  it('core imports nothing of ours outside core, and no SDK, queue, Redis or HTTP client', () => {
    expect(
      violations(
        (f) => f.startsWith('core/'),
        (t) => /^(discord\.js|@discordjs|matrix-js-sdk|bullmq|ioredis|undici|fastify)/.test(t) || (/^[a-z]+\//.test(t) && !t.startsWith('core/') && !t.startsWith('@')),
      ),
    ).toEqual([]);
  });

  it('keeps discord.js under bot/discord and matrix-js-sdk under bot/matrix', () => {
    expect(violations((f) => !f.startsWith('bot/discord/'), (t) => /^(discord\.js|@discordjs\/)/.test(t))).toEqual([]);
    expect(violations((f) => !f.startsWith('bot/matrix/'), (t) => /^matrix-js-sdk/.test(t))).toEqual([]);
  });

  it('keeps BullMQ in the jobs wiring and the app composition', () => {
    expect(violations((f) => !(f.startsWith('jobs/') || f.startsWith('app/') || f.startsWith('http/')) || f.startsWith('jobs/processors/'), (t) => t === 'bullmq')).toEqual([]);
  });

  it('keeps feeds and the command core free of the chat SDKs, the queue and the composition root', () => {
    expect(violations((f) => f.startsWith('feeds/') || f.startsWith('bot/commands/'), (t) => /^(discord\.js|matrix-js-sdk|bullmq)$/.test(t) || t.startsWith('app/') || t === 'main')).toEqual([]);
  });

  it('reads process.env only in main.ts and the CLI entry', () => {
    const readers = files(SRC)
      .filter((f) => /process\.env\b/.test(readFileSync(f, 'utf8')))
      .map(rel)
      .filter((f) => !['main.ts', 'cli.ts', 'store/redis.ts'].includes(f));
    expect(readers).toEqual([]);
  });
});
