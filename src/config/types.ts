// The validated configuration every module receives a typed slice of.
import type { Group, Meeting, Source } from '../core/types.js';

export interface TaxonomyEntryConfig {
  label: string;
  terms: string[];
  exclude?: string[];
  minHits?: number;
  description?: string;
}

export interface OrganisationConfig {
  id: string;
  name: string;
  kind: string;
  names: string[];
}

export interface FetchConfig {
  allowHosts: string[];
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
}

export interface DiscordConfig {
  token: string;
  applicationId?: string;
  apiUrl?: string;
  operatorGuild?: string;
}

export interface MatrixConfig {
  homeserverUrl: string;
  userId: string;
  accessToken: string;
  commandPrefix: string;
  inviteAllowlist: string[];
}

export type SummarizerConfig =
  | { kind: 'extractive' }
  | { kind: 'openai'; baseUrl: string; apiKey?: string; model: string };

export interface AppConfig {
  version: string;
  redis: { url?: string; prefix: string };
  logLevel: string;
  defaultTimeZone: string;
  sources: Source[];
  groups: Group[];
  meetings: Meeting[];
  groupRules: Record<string, { contributionDeadlineDays: number }>;
  taxonomy: Record<string, TaxonomyEntryConfig>;
  organisations: OrganisationConfig[];
  fetch: FetchConfig;
  discord?: DiscordConfig;
  matrix?: MatrixConfig;
  operators: { discord?: string; matrix?: string };
  http: { port: number; adminToken?: string; publicUrl: string };
  summarizer: SummarizerConfig;
  alerts: { maxPerHour: number };
  reminders: { beforeMs: number[] };
  workers: { lockDuration?: number; stalledInterval?: number };
}
