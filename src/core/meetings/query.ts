// The merged view every reader of meetings uses (commands, reminders, the calendar feed):
// the hand-kept config plus what each source last published, merged by mergeMeetings.
import type { MeetingStore } from '../ports.js';
import type { Meeting, Source } from '../types.js';
import { mergeMeetings, type GroupRules, type OriginKind } from './merge.js';

/** Same shape as the commands' MeetingQuery. */
export interface MergedMeetings {
  /** Known meetings, merged from every origin, sorted by start. */
  all(): Promise<Meeting[]>;
}

export interface MeetingQueryDeps {
  configMeetings: Meeting[];
  store: Pick<MeetingStore, 'all'>;
  groupRules: GroupRules;
  /** The sources, to rank an origin by its kind (ICS above a scraped page). Optional. */
  sources?: () => Source[] | Promise<Source[]>;
}

export function createMeetingQuery(deps: MeetingQueryDeps): MergedMeetings {
  return {
    async all() {
      const stored = await deps.store.all();
      const sources: Source[] = deps.sources ? await deps.sources() : [];
      const kinds = new Map<string, OriginKind>(sources.map((s): [string, OriginKind] => [s.id, s.kind === 'rss' ? 'unknown' : s.kind]));
      return mergeMeetings([deps.configMeetings, stored], deps.groupRules, { originKind: (origin) => kinds.get(origin) ?? 'unknown' });
    },
  };
}
