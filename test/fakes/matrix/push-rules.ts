/**
 * The highlight-producing part of Synapse's base push rules, in Synapse's order:
 * `.m.rule.suppress_notices`, `.m.rule.member_event`, `.m.rule.is_user_mention`,
 * `.m.rule.contains_display_name`, `.m.rule.is_room_mention`, `.m.rule.roomnotif`,
 * then the content rule `.m.rule.contains_user_name`. The legacy body rules are skipped
 * when the event carries `m.mentions` (spec v1.7 intentional mentions).
 */
import type { FakeRoom } from './room.js';
import { localpartOf } from './state.js';
import type { PushRuleOptions, RecordedEvent } from './types.js';

/**
 * Synapse's word match, `(?:^|\b|\W)word(?:\b|\W|$)` case-insensitively: for a word that
 * starts and ends with non-word characters this means "not followed or preceded by a word character"
 * only where the word itself ends or starts with a word character. Rust's `\w` is Unicode-aware
 * and counts joiners (U+200C, U+200D) as word characters.
 */
const WORD_CHAR = String.raw`[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function matchesWord(word: string, body: string): boolean {
  if (word === '') return false;
  const isWordChar = (ch: string): boolean => new RegExp(`^${WORD_CHAR}$`, 'u').test(ch);
  const chars = [...word];
  const before = isWordChar(chars[0] ?? '') ? `(?<!${WORD_CHAR})` : '';
  const after = isWordChar(chars.at(-1) ?? '') ? `(?!${WORD_CHAR})` : '';
  return new RegExp(`${before}${escapeRegExp(word)}${after}`, 'iu').test(body);
}

interface Mentions {
  present: boolean;
  room: boolean;
  userIds: unknown[];
}

function mentionsOf(event: RecordedEvent): Mentions {
  const mentions = event.content['m.mentions'];
  if (typeof mentions !== 'object' || mentions === null) return { present: 'm.mentions' in event.content, room: false, userIds: [] };
  const m = mentions as { room?: unknown; user_ids?: unknown };
  return { present: true, room: m.room === true, userIds: Array.isArray(m.user_ids) ? m.user_ids : [] };
}

function suppressed(event: RecordedEvent): boolean {
  return event.content['msgtype'] === 'm.notice' || event.type === 'm.room.member';
}

function bodyOf(event: RecordedEvent): string {
  const body = event.content['body'];
  return typeof body === 'string' ? body : '';
}

function senderMayNotifyRoom(room: FakeRoom, event: RecordedEvent, opts: PushRuleOptions): boolean {
  if (opts.ignoreSenderPower === true) return true;
  const needed = room.powerLevels().notifications?.['room'] ?? 50;
  return room.userLevel(event.sender) >= needed;
}

/** `.m.rule.is_room_mention` or `.m.rule.roomnotif` would highlight everyone in the room. */
export function wouldNotifyRoom(room: FakeRoom, event: RecordedEvent, opts: PushRuleOptions = {}): boolean {
  if (suppressed(event)) return false;
  const mentions = mentionsOf(event);
  const legacy = !mentions.present || opts.legacyRulesAlways === true;
  if (!senderMayNotifyRoom(room, event, opts)) return false;
  if (mentions.room) return true;
  return legacy && matchesWord('@room', bodyOf(event));
}

/** Whether `userId` would be highlighted: mentioned by id, display name, user name, or @room. */
export function wouldNotifyUser(room: FakeRoom, event: RecordedEvent, userId: string, opts: PushRuleOptions = {}): boolean {
  if (event.sender === userId || suppressed(event)) return false;
  const mentions = mentionsOf(event);
  const legacy = !mentions.present || opts.legacyRulesAlways === true;
  if (mentions.userIds.includes(userId)) return true;
  const body = bodyOf(event);
  const displayName = room.displayName(userId);
  if (legacy && displayName !== undefined && matchesWord(displayName, body)) return true;
  if (wouldNotifyRoom(room, event, opts)) return true;
  return legacy && matchesWord(localpartOf(userId), body);
}
