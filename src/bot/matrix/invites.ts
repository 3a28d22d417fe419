// Who may invite the bot: full user ids (`@alice:example.org`) or whole
// servers (`example.org`) from `matrix.inviteAllowlist`. Pure.

/** The server part of a user id: everything after the first colon (it may carry a port). */
export function serverOf(userId: string): string {
  const colon = userId.indexOf(':');
  return colon < 0 ? '' : userId.slice(colon + 1).toLowerCase();
}

export function isInviteAllowed(inviter: string | undefined, allowlist: readonly string[]): boolean {
  if (!inviter || !inviter.startsWith('@')) return false;
  return allowlist.some((entry) => {
    const e = entry.trim();
    if (e.startsWith('@')) return e === inviter;
    return e !== '' && e.toLowerCase() === serverOf(inviter);
  });
}
