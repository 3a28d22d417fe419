// Turns zod issues into the messages a user reads: the key, the value given and what was expected.
import type { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function show(value: unknown, secret: boolean): string {
  if (value === undefined) return 'nothing';
  if (secret) return '(hidden)';
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const SECRET_KEY = /TOKEN|KEY|PASSWORD|SECRET/i;

export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown, where: string): string[] {
  return issues.map((issue) => {
    const key = formatPath(issue.path);
    const label = key || '(top level)';
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => (key ? `${key}.${k}` : k)).join(', ');
      return `${where}${keys}: unknown key — check the spelling (see the README's configuration reference)`;
    }
    const value = valueAt(input, issue.path);
    const secret = SECRET_KEY.test(key);
    let expected = issue.message;
    if (issue.code === 'invalid_type' && value === undefined) expected = `a value is required (${issue.message})`;
    return `${where}${label}: got ${show(value, secret)} — ${expected}`;
  });
}
