// The capability behind `sources add|remove|pause|resume`: a trial fetch through
// the safe fetcher plus the registry's changes. The composition root puts it on
// CommandServices.extra.sourcesAdmin; commands get it with sourcesAdminOf().
import { UserError } from '../core/errors.js';
import type { Source, SourceKind } from '../core/types.js';
import { checkUrl, type CheckReport } from '../feeds/check.js';
import type { Fetcher } from '../feeds/fetcher.js';
import type { SourceRegistryAdmin } from './registry.js';

export interface SourcesAdmin {
  /** Fetches and reads the address once, through the address guard; says what it found. */
  trial(url: string, opts?: { kind?: SourceKind }): Promise<CheckReport>;
  list(): Promise<Source[]>;
  add(source: Source, meta?: { addedBy?: string; at?: Date }): Promise<Source>;
  remove(id: string): Promise<Source>;
  setPaused(id: string, paused: boolean): Promise<Source>;
}

export function createSourcesAdmin(deps: { registry: SourceRegistryAdmin; fetcher: Fetcher }): SourcesAdmin {
  return {
    trial: (url, opts) => checkUrl(url, deps.fetcher, opts),
    list: () => deps.registry.list(),
    add: (source, meta) => deps.registry.add(source, meta),
    remove: (id) => deps.registry.remove(id),
    setPaused: (id, paused) => deps.registry.setPaused(id, paused),
  };
}

function isSourcesAdmin(value: unknown): value is SourcesAdmin {
  const v = value as Partial<SourcesAdmin> | undefined;
  return typeof v?.trial === 'function' && typeof v.add === 'function' && typeof v.remove === 'function' && typeof v.setPaused === 'function';
}

/** The sources admin capability, or a UserError when this process was started without it. */
export function sourcesAdminOf(services: { extra?: Record<string, unknown> }): SourcesAdmin {
  const admin = services.extra?.sourcesAdmin;
  if (!isSourcesAdmin(admin)) {
    throw new UserError('sources-admin-unavailable', 'Sources cannot be changed from here: this process runs without source management. Use the CLI ("standards-watch cmd sources …") or the bot role.');
  }
  return admin;
}
