// Asking the bots things through the fakes, and checking that an answer reads
// as a short, plain refusal rather than a leaked internal error.
import type { FakeHomeserver, RecordedEvent } from '../../fakes/matrix/index.js';
import { eventually } from '../../fakes/matrix/sdk-helpers.js';

/** The bot's replies to one event in a room. */
export function repliesTo(fake: FakeHomeserver, roomId: string, eventId: string): RecordedEvent[] {
  return fake
    .sentByBot(roomId)
    .filter((e) => (e.content['m.relates_to'] as { 'm.in_reply_to'?: { event_id?: string } } | undefined)?.['m.in_reply_to']?.event_id === eventId);
}

/** Sends `body` as `sender` and resolves to the bot's reply's plain body. */
export async function askMatrix(fake: FakeHomeserver, roomId: string, sender: string, body: string, ms = 8_000): Promise<string> {
  const eventId = fake.sendAsUser(roomId, sender, { body });
  await eventually(() => repliesTo(fake, roomId, eventId).length > 0, `a reply to "${body.slice(0, 60)}"`, ms);
  return String(repliesTo(fake, roomId, eventId)[0]!.content['body']);
}

/** Internal error text that must never reach a user: stack frames, exception names, the generic failure answer, JS values. */
const LEAKS = /\bat [\w.<>]+ \(|\.(?:ts|js):\d+|\b(?:Type|Range|Reference|Syntax)Error\b|Something went wrong|\bundefined\b|\bNaN\b|\[object Object\]|ERR_|ReplyError|Lua/;

export function leaksInternals(text: string): boolean {
  return LEAKS.test(text);
}
