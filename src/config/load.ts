// buildConfig is pure: environment and YAML texts in, a validated AppConfig out
// (or a ConfigError listing every problem). readConfigFiles does the file I/O.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import type { Group, Meeting, Source } from '../core/types.js';
import { meetingId } from '../core/ids.js';
import { ConfigError, describeIssues } from './errors.js';
import { envSchema, fileSchema, type ConfigFile, type Env } from './schema.js';
import type { AppConfig } from './types.js';

export interface ConfigDocument {
  /** File name shown in errors. */
  name: string;
  text: string;
  /** Shipped default (under config/) rather than given by the user. */
  isDefault: boolean;
}

export interface BuildOptions {
  env: Record<string, string | undefined>;
  documents: ConfigDocument[];
  noDefaultSources?: boolean;
}

const VERSION = '0.1.0';

export function buildConfig({ env, documents, noDefaultSources = false }: BuildOptions): AppConfig {
  const problems: string[] = [];
  const parsedEnv = envSchema.safeParse(env);
  if (!parsedEnv.success) problems.push(...describeIssues(parsedEnv.error.issues, env, ''));

  const files: { doc: ConfigDocument; data: ConfigFile }[] = [];
  for (const doc of documents) {
    let raw: unknown;
    try {
      raw = YAML.parse(doc.text, { prettyErrors: true }) ?? {};
    } catch (err) {
      problems.push(`${doc.name}: not valid YAML — ${(err as Error).message.split('\n')[0]}`);
      continue;
    }
    const result = fileSchema.safeParse(raw);
    if (!result.success) {
      problems.push(...describeIssues(result.error.issues, raw, `${doc.name}: `));
      continue;
    }
    problems.push(...duplicateIds(doc.name, result.data));
    files.push({ doc, data: result.data });
  }
  if (problems.length > 0 || !parsedEnv.success) throw new ConfigError(problems);

  const merged = mergeFiles(files.map(({ doc, data }) => (doc.isDefault && noDefaultSources ? { ...data, sources: undefined } : data)));
  return toAppConfig(parsedEnv.data, merged);
}

function duplicateIds(name: string, data: ConfigFile): string[] {
  const out: string[] = [];
  for (const key of ['sources', 'groups', 'organisations'] as const) {
    const seen = new Set<string>();
    for (const entry of data[key] ?? []) {
      if (seen.has(entry.id)) out.push(`${name}: ${key}: id "${entry.id}" is used twice in one file — ids must be unique`);
      seen.add(entry.id);
    }
  }
  return out;
}

function mergeById<T extends { id: string }>(lists: (T[] | undefined)[]): T[] {
  const byId = new Map<string, T>();
  for (const list of lists) for (const entry of list ?? []) byId.set(entry.id, entry);
  return [...byId.values()];
}

export function mergeFiles(files: ConfigFile[]): ConfigFile {
  return {
    sources: mergeById(files.map((f) => f.sources)),
    groups: mergeById(files.map((f) => f.groups)),
    organisations: mergeById(files.map((f) => f.organisations)),
    meetings: files.flatMap((f) => f.meetings ?? []),
    taxonomy: Object.assign({}, ...files.map((f) => f.taxonomy ?? {})),
    fetch: Object.assign({}, ...files.map((f) => f.fetch ?? {})),
    matrix: Object.assign({}, ...files.map((f) => f.matrix ?? {})),
    discord: Object.assign({}, ...files.map((f) => f.discord ?? {})),
    operators: Object.assign({}, ...files.map((f) => f.operators ?? {})),
    alerts: Object.assign({}, ...files.map((f) => f.alerts ?? {})),
    reminders: Object.assign({}, ...files.map((f) => f.reminders ?? {})),
  };
}

function toAppConfig(env: Env, file: ConfigFile): AppConfig {
  const sources: Source[] = (file.sources ?? []).map((s) => ({
    id: s.id,
    kind: s.kind,
    url: s.url,
    everyMs: s.every,
    tags: s.tags,
    body: s.body,
    group: s.group,
    title: s.title,
    fetchArticle: s.fetchArticle,
    paused: s.paused,
    selectors: s.selectors,
    origin: 'config',
  }));
  const groups: Group[] = (file.groups ?? []).map((g) => ({ id: g.id, body: g.body, names: g.names, url: g.url, title: g.title }));
  const meetings: Meeting[] = (file.meetings ?? []).map((m) => {
    const allDay = m.start.length === 10;
    return {
      id: meetingId('config', `${m.group}\u0000${m.start}\u0000${m.title}`),
      groupId: m.group,
      title: m.title,
      start: m.start,
      end: m.end ?? m.start,
      allDay,
      timeZone: m.timeZone,
      location: m.location,
      url: m.url,
      deadlines: m.deadlines.map((d) => ({ kind: d.kind, at: d.at, note: d.note })),
      origin: 'config',
    };
  });
  const discordEnabled = Boolean(env.DISCORD_TOKEN);
  const matrixEnabled = Boolean(env.MATRIX_HOMESERVER_URL && env.MATRIX_ACCESS_TOKEN && env.MATRIX_USER_ID);
  return {
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX },
    logLevel: env.LOG_LEVEL,
    defaultTimeZone: env.DEFAULT_TIMEZONE,
    sources,
    groups,
    meetings,
    groupRules: Object.fromEntries((file.groups ?? []).filter((g) => g.contributionDeadlineDays).map((g) => [g.id, { contributionDeadlineDays: g.contributionDeadlineDays! }])),
    taxonomy: file.taxonomy ?? {},
    organisations: file.organisations ?? [],
    fetch: {
      allowHosts: file.fetch?.allowHosts ?? [],
      userAgent: file.fetch?.userAgent ?? `standards-watch/${VERSION} (+https://github.com/standards-watch/standards-watch)`,
      timeoutMs: file.fetch?.timeout ?? 20_000,
      maxBytes: file.fetch?.maxBytes ?? 10 * 1024 * 1024,
    },
    discord: discordEnabled
      ? { token: env.DISCORD_TOKEN!, applicationId: env.DISCORD_APPLICATION_ID, apiUrl: env.DISCORD_API_URL, operatorGuild: file.discord?.operatorGuild }
      : undefined,
    matrix: matrixEnabled
      ? {
          homeserverUrl: env.MATRIX_HOMESERVER_URL!,
          userId: env.MATRIX_USER_ID!,
          accessToken: env.MATRIX_ACCESS_TOKEN!,
          commandPrefix: file.matrix?.commandPrefix ?? '!sw',
          inviteAllowlist: file.matrix?.inviteAllowlist ?? [],
        }
      : undefined,
    operators: { discord: file.operators?.discord, matrix: file.operators?.matrix },
    http: { port: env.HTTP_PORT, adminToken: env.ADMIN_TOKEN, publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.HTTP_PORT}` },
    summarizer:
      env.SUMMARIZER === 'openai' && env.OPENAI_BASE_URL
        ? { kind: 'openai', baseUrl: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY, model: env.OPENAI_MODEL ?? 'gpt-4o-mini' }
        : { kind: 'extractive' },
    alerts: { maxPerHour: file.alerts?.maxPerHour ?? 20 },
    reminders: { beforeMs: file.reminders?.before ?? [7 * 86_400_000, 86_400_000] },
    workers: {
      ...(env.SW_WORKER_LOCK_DURATION_MS ? { lockDuration: env.SW_WORKER_LOCK_DURATION_MS } : {}),
      ...(env.SW_WORKER_STALLED_INTERVAL_MS ? { stalledInterval: env.SW_WORKER_STALLED_INTERVAL_MS } : {}),
    },
    version: VERSION,
  };
}

/** The shipped defaults under config/, next to src/ (or dist/) in the package. */
export function defaultConfigDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', '..', 'config');
}

export async function readConfigDocuments(opts: { defaultsDir?: string; files: string[] }): Promise<ConfigDocument[]> {
  const dir = opts.defaultsDir ?? defaultConfigDir();
  const names = (await readdir(dir)).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
  const docs: ConfigDocument[] = [];
  for (const name of names) docs.push({ name: `config/${name}`, text: await readFile(path.join(dir, name), 'utf8'), isDefault: true });
  for (const given of opts.files) {
    // A directory stands for every *.yaml / *.yml file in it, in name order (e.g. a mounted config.local/).
    let files = [given];
    try {
      if ((await stat(given)).isDirectory()) {
        files = (await readdir(given)).filter((n) => /\.ya?ml$/.test(n)).sort().map((n) => path.join(given, n));
      }
    } catch {
      /* reported below as unreadable */
    }
    for (const file of files) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new ConfigError([`${file}: cannot read the config file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`]);
      }
      docs.push({ name: file, text, isDefault: false });
    }
  }
  return docs;
}
