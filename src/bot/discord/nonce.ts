// A deterministic Discord nonce from a job's idempotency key: the same key
// always gives the same ≤ 25-character nonce, so a resend with
// `enforce_nonce: true` returns the message the first attempt created.
import { createHash } from 'node:crypto';

export const MAX_NONCE_LENGTH = 25;

export function nonceFor(idempotencyKey: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest();
  const n = BigInt(`0x${digest.subarray(0, 16).toString('hex')}`);
  return n.toString(36).padStart(MAX_NONCE_LENGTH, '0').slice(0, MAX_NONCE_LENGTH);
}
