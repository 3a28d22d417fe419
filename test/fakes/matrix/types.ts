/** Shapes shared by the fake homeserver's parts and the tests that drive it. */

/** One event as the fake stored it, in the order the room received it. */
export interface RecordedEvent {
  event_id: string;
  room_id: string;
  type: string;
  sender: string;
  content: Record<string, unknown>;
  state_key?: string;
  /** Set on m.room.redaction events. */
  redacts?: string;
  origin_server_ts: number;
  /** The transaction id of a client-sent event (PUT …/send/… or …/redact/…). */
  txnId?: string;
  /** True when a client stored it through the HTTP API (send, redact, state PUT). */
  viaApi: boolean;
  /** Set once the event has been redacted (its content is then emptied). */
  redactedBy?: string;
}

/** One HTTP request the fake received (access tokens removed). */
export interface RecordedRequest {
  method: string;
  /** URL path without the query string, e.g. `/_matrix/client/v3/sync`. */
  path: string;
  /** Query parameters, without `access_token`. */
  query: Record<string, string>;
  body: unknown;
  /** The authenticated user, when the token was valid. */
  userId?: string;
  /** The status answered, once known (undefined for a reset connection). */
  status?: number;
  /** Describes the injected fault that hit this request, if any. */
  fault?: string;
}

export interface FaultMatch {
  method?: string;
  path?: RegExp;
}

export type Fault =
  | { status: 429; retryAfterMs: number }
  | { status: 500 | 502 }
  | { status: 500; afterStore: true }
  | { reset: 'before' | 'after' };

export interface CreateRoomOptions {
  roomId?: string;
  creator: string;
  /** Users joined at creation, besides the creator. */
  members?: string[];
  /** Power levels per user; the creator gets 100 unless given here. */
  powerLevels?: Record<string, number>;
  name?: string;
  encrypted?: boolean;
  /** A direct (1:1) room: members carry `is_direct` and get m.direct account data. */
  direct?: boolean;
  /** A local alias such as `#ops:example.org`, resolvable by `/join/{alias}`. */
  alias?: string;
  /** `invite` (default) or `public`: whether uninvited users may join. */
  joinRule?: 'invite' | 'public';
}

export interface RegisterUserOptions {
  displayName?: string;
  /** Enables `m.login.password` for this user. */
  password?: string;
  deviceId?: string;
}

export interface PushRuleOptions {
  /**
   * Evaluate the legacy body rules (`.m.rule.roomnotif`, display name, user name)
   * even when the event has `m.mentions`, the way a homeserver older than spec v1.7 does.
   */
  legacyRulesAlways?: boolean;
  /** Skip the sender-power condition of the room-mention rules. */
  ignoreSenderPower?: boolean;
}

export interface FakeHomeserverOptions {
  serverName?: string;
  /** Longest time a /sync long poll is held, in ms (default 1000). */
  maxSyncWaitMs?: number;
}

export interface FakeHomeserver {
  baseUrl: string;
  serverName: string;
  registerUser(userId: string, opts?: RegisterUserOptions): { userId: string; accessToken: string; deviceId: string };
  createRoom(opts: CreateRoomOptions): string;
  invite(roomId: string, inviter: string, invitee: string): void;
  kick(roomId: string, userId: string, by: string): void;
  /** A user joins (or re-joins) a room directly, without an HTTP request. */
  join(roomId: string, userId: string): void;
  setPowerLevel(roomId: string, userId: string, level: number): void;
  sendAsUser(roomId: string, userId: string, content: { msgtype?: string; body: string; [k: string]: unknown }): string;
  /** Stores any state event as that user (no permission checks). */
  setStateAsUser(roomId: string, userId: string, type: string, stateKey: string, content: Record<string, unknown>): string;
  events(roomId: string): RecordedEvent[];
  /** Events clients stored through the HTTP API (send, redact, state PUT), optionally in one room. */
  sentByBot(roomId?: string): RecordedEvent[];
  /** Global account data of a user, as the fake holds it. */
  accountData(userId: string, type: string): Record<string, unknown> | undefined;
  requests: RecordedRequest[];
  failNext(match: FaultMatch, fault: Fault, times?: number): void;
  /** Whether the event would highlight every member (`@room`), per Synapse's base push rules. */
  wouldNotifyRoom(event: RecordedEvent, opts?: PushRuleOptions): boolean;
  /** Whether the event would highlight this user (mention, display name, user name, or @room). */
  wouldNotifyUser(event: RecordedEvent, userId: string, opts?: PushRuleOptions): boolean;
  close(): Promise<void>;
}
