// The shape of the YAML config files and of the environment, as zod schemas.
// Every message says what was expected, so a bad value is refused with the key,
// the value and the expectation (see errors.ts for the formatting).
import { z } from 'zod';
import { parseDuration } from './duration.js';

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const id = z.string().regex(ID_PATTERN, { message: 'expected an id of lowercase letters, digits and dashes, such as "itu-news"' });

export const durationSchema = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    const ms = typeof value === 'number' ? value * 1000 : parseDuration(value);
    if (ms === undefined || !(ms >= 1000)) {
      ctx.addIssue({ code: 'custom', message: 'expected a duration of at least 1s, such as 30s, 15m, 1h or 1d' });
      return z.NEVER;
    }
    return ms;
  });

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .refine(isValidTimeZone, { message: 'expected an IANA time zone such as Europe/Zurich or UTC' });

const httpUrl = z
  .string()
  .refine((value) => /^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value), {
    message: 'expected an http(s) URL such as https://www.itu.int/hub/feed/',
  });

const dateLike = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .refine((value) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value), {
    message: 'expected a date YYYY-MM-DD or a date-time YYYY-MM-DDTHH:MM',
  });

export const sourceSchema = z
  .object({
    id,
    kind: z.enum(['rss', 'ics', 'itu-group', 'html'], { message: 'expected one of rss, ics, itu-group, html' }),
    url: httpUrl,
    every: durationSchema.default(900_000),
    tags: z.array(z.string()).default([]),
    body: z.string().optional(),
    group: z.string().optional(),
    title: z.string().optional(),
    fetchArticle: z.boolean().default(false),
    paused: z.boolean().default(false),
    selectors: z
      .object({
        entry: z.string(),
        title: z.string().optional(),
        link: z.string().optional(),
        date: z.string().optional(),
        summary: z.string().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((source, ctx) => {
    if (source.kind === 'html' && !source.selectors) {
      ctx.addIssue({ code: 'custom', path: ['selectors'], message: 'expected selectors: {entry: "css selector"} for an html source' });
    }
  });

export const groupSchema = z
  .object({
    id,
    body: z.string(),
    names: z.array(z.string()).min(1, { message: 'expected at least one name' }),
    title: z.string().optional(),
    url: httpUrl.optional(),
    /** Days before a meeting that contributions are due, where the body has a standing rule. */
    contributionDeadlineDays: z.number().int().positive().optional(),
  })
  .strict();

export const deadlineSchema = z
  .object({
    kind: z.enum(['contributions', 'registration', 'documents', 'other']),
    at: dateLike,
    note: z.string().optional(),
  })
  .strict();

export const meetingConfigSchema = z
  .object({
    group: z.string(),
    title: z.string(),
    start: dateLike,
    end: dateLike.optional(),
    timeZone: timeZoneSchema.default('UTC'),
    location: z.string().optional(),
    url: httpUrl.optional(),
    deadlines: z.array(deadlineSchema).default([]),
  })
  .strict();

export const taxonomyEntrySchema = z
  .object({
    label: z.string(),
    terms: z.array(z.string()).min(1, { message: 'expected at least one term' }),
    exclude: z.array(z.string()).optional(),
    minHits: z.number().int().positive().optional(),
    description: z.string().optional(),
  })
  .strict();

export const organisationSchema = z
  .object({ id, name: z.string(), kind: z.string(), names: z.array(z.string()).default([]) })
  .strict();

export const fileSchema = z
  .object({
    sources: z.array(sourceSchema).optional(),
    groups: z.array(groupSchema).optional(),
    meetings: z.array(meetingConfigSchema).optional(),
    taxonomy: z.record(z.string().regex(ID_PATTERN, { message: 'expected a tag id such as digital-identity' }), taxonomyEntrySchema).optional(),
    organisations: z.array(organisationSchema).optional(),
    fetch: z
      .object({
        allowHosts: z.array(z.string()).optional(),
        userAgent: z.string().optional(),
        timeout: durationSchema.optional(),
        maxBytes: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    matrix: z
      .object({
        commandPrefix: z.string().min(1).optional(),
        inviteAllowlist: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    discord: z.object({ operatorGuild: z.string().optional() }).strict().optional(),
    operators: z.object({ discord: z.string().optional(), matrix: z.string().optional() }).strict().optional(),
    alerts: z
      .object({
        maxPerHour: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    reminders: z.object({ before: z.array(durationSchema).optional() }).strict().optional(),
  })
  .strict();

export type ConfigFile = z.output<typeof fileSchema>;

const optionalNonEmpty = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

export const envSchema = z.object({
  REDIS_URL: z
    .string()
    .refine((value) => /^rediss?:\/\//.test(value) && URL.canParse(value), { message: 'expected a redis:// or rediss:// URL such as redis://127.0.0.1:6379' })
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}.-]+$/, { message: 'expected letters, digits, _ - . { } (no colons or spaces), such as sw' })
    .default('sw'),
  DISCORD_TOKEN: optionalNonEmpty,
  DISCORD_APPLICATION_ID: optionalNonEmpty.refine((v) => v === undefined || /^\d{5,25}$/.test(v), { message: 'expected a numeric Discord application id' }),
  DISCORD_API_URL: optionalNonEmpty.refine((v) => v === undefined || /^https?:\/\//.test(v), { message: 'expected an http(s) URL such as https://discord.com/api' }),
  MATRIX_HOMESERVER_URL: optionalNonEmpty.refine((v) => v === undefined || /^https?:\/\//.test(v), { message: 'expected an http(s) URL such as https://matrix.example.org' }),
  MATRIX_USER_ID: optionalNonEmpty.refine((v) => v === undefined || /^@[^:]+:.+$/.test(v), { message: 'expected a Matrix user id such as @standards-watch:example.org' }),
  MATRIX_ACCESS_TOKEN: optionalNonEmpty,
  HTTP_PORT: z.coerce.number({ message: 'expected a port number from 0 to 65535' }).int().min(0).max(65535).default(8080),
  ADMIN_TOKEN: optionalNonEmpty,
  PUBLIC_URL: optionalNonEmpty.refine((v) => v === undefined || /^https?:\/\//.test(v), { message: 'expected an http(s) URL where this bot is reachable' }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'expected one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  SUMMARIZER: z.enum(['extractive', 'openai'], { message: 'expected extractive or openai' }).default('extractive'),
  OPENAI_BASE_URL: optionalNonEmpty.refine((v) => v === undefined || /^https?:\/\//.test(v), { message: 'expected an http(s) URL such as https://api.openai.com/v1' }),
  OPENAI_API_KEY: optionalNonEmpty,
  OPENAI_MODEL: optionalNonEmpty,
  DEFAULT_TIMEZONE: timeZoneSchema.default('UTC'),
  SW_CONFIG: optionalNonEmpty,
  // How long a job's lock lasts and how often workers look for jobs whose worker died (BullMQ: 30 s each).
  SW_WORKER_LOCK_DURATION_MS: z.coerce.number({ message: 'expected milliseconds, at least 1000' }).int().min(1000).optional(),
  SW_WORKER_STALLED_INTERVAL_MS: z.coerce.number({ message: 'expected milliseconds, at least 500' }).int().min(500).optional(),
});

export type Env = z.output<typeof envSchema>;
