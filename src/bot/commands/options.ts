// Pure option parsers shared by every platform: a raw value (text from Matrix or
// the terminal, a typed value from a Discord interaction) in, a typed value out,
// or a UserError that says what was expected.
import { isValidTimeZone } from '../../config/schema.js';
import { UserError } from '../../core/errors.js';
import type { CommandServices } from './services.js';
import type { OptionSpec } from './define.js';

export type RawValue = string | number | boolean;

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function bad(name: string, message: string): never {
  throw new UserError('bad-option', `${name}: ${message}`);
}

export function parseOption(name: string, spec: OptionSpec, raw: RawValue, services: Pick<CommandServices, 'resolveGroup' | 'suggestGroups' | 'tags'>): unknown {
  const text = String(raw).trim();
  const maxLength = spec.maxLength ?? 200;
  if (text.length > maxLength) bad(name, `too long (${text.length} characters; at most ${maxLength})`);
  if (spec.choices && !spec.choices.some((c) => c.value === text)) {
    bad(name, `expected one of ${spec.choices.map((c) => c.value).join(', ')}; got "${text}"`);
  }
  switch (spec.type) {
    case 'string':
      if (!text) bad(name, 'must not be empty');
      return text;
    case 'integer':
    case 'number': {
      const value = typeof raw === 'number' ? raw : Number(text);
      if (!Number.isFinite(value) || (spec.type === 'integer' && !Number.isInteger(value))) bad(name, `expected a ${spec.type === 'integer' ? 'whole number' : 'number'}; got "${text}"`);
      if (spec.min !== undefined && value < spec.min) bad(name, `must be at least ${spec.min}; got ${value}`);
      if (spec.max !== undefined && value > spec.max) bad(name, `must be at most ${spec.max}; got ${value}`);
      return value;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      if (/^(true|yes|on|1)$/i.test(text)) return true;
      if (/^(false|no|off|0)$/i.test(text)) return false;
      return bad(name, `expected true or false; got "${text}"`);
    }
    case 'list':
      return splitList(text);
    case 'time-zone':
      if (!isValidTimeZone(text)) bad(name, `unknown time zone "${text}" — use an IANA name such as Europe/Brussels, America/New_York or UTC`);
      return text;
    case 'time': {
      const m = /^(\d{1,2}):(\d{2})$/.exec(text);
      if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) bad(name, `expected a time HH:MM such as 09:00; got "${text}"`);
      return `${m![1]!.padStart(2, '0')}:${m![2]}`;
    }
    case 'weekday': {
      const index = WEEKDAYS.findIndex((d) => d.startsWith(text.toLowerCase()) && text.length >= 2);
      if (index < 0) bad(name, `expected a weekday such as monday; got "${text}"`);
      return index;
    }
    case 'group':
      return resolveGroupOrFail(name, text, services);
    case 'groups':
      return splitList(text).map((g) => resolveGroupOrFail(name, g, services));
    case 'tag':
      return resolveTagOrFail(name, text, services);
    case 'tags':
      return splitList(text).map((t) => resolveTagOrFail(name, t, services));
    case 'source':
      return text;
    case 'sources':
      return splitList(text);
  }
}

function resolveGroupOrFail(name: string, text: string, services: Pick<CommandServices, 'resolveGroup' | 'suggestGroups'>) {
  const group = services.resolveGroup(text);
  if (group) return group;
  const suggestions = services.suggestGroups(text, 3).map((g) => g.names[0] ?? g.id);
  return bad(name, `no group called "${text}"${suggestions.length ? ` — did you mean ${suggestions.join(', ')}?` : ''}`);
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = next;
    }
  }
  return row[b.length]!;
}

function resolveTagOrFail(name: string, text: string, services: Pick<CommandServices, 'tags'>): string {
  const wanted = text.toLowerCase().replace(/[\s_]+/g, '-');
  const tag = services.tags.find((t) => t.id === wanted || t.label.toLowerCase() === text.toLowerCase());
  if (tag) return tag.id;
  const close = services.tags
    .map((t) => ({ t, d: t.id.startsWith(wanted) || wanted.startsWith(t.id) ? 0 : editDistance(wanted, t.id) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .filter((x) => x.d <= Math.max(3, wanted.length / 2))
    .map((x) => x.t.id);
  return bad(name, `unknown tag "${text}"${close.length ? ` — did you mean ${close.join(', ')}?` : ' — "tags" lists them'}`);
}
