// Items, subscriptions and meetings for the digest tests.
import { emptyFilter } from '../../../src/core/filter.js';
import type { Filter, Item, Meeting, Subscription } from '../../../src/core/types.js';

export function item(id: string, extra: Partial<Item> = {}): Item {
  return {
    id,
    sourceId: 'press',
    url: `https://news.example/${id}`,
    title: `Title ${id}`,
    published: '2024-03-25T08:00:00Z',
    seenAt: '2024-03-25T08:05:00Z',
    content: '',
    summary: '',
    tags: [],
    entities: [],
    groups: [],
    score: 0.5,
    storyId: `s-${id}`,
    enriched: true,
    ...extra,
  };
}

export function subscription(extra: Partial<Omit<Subscription, 'filter'>> & { filter?: Partial<Filter> } = {}): Subscription {
  const { filter, ...rest } = extra;
  return {
    id: 'd1',
    platform: 'discord',
    target: 'chan-1',
    personal: false,
    mode: 'daily',
    at: '09:00',
    timeZone: 'Europe/Brussels',
    createdBy: 'u1',
    createdAt: '2024-03-01T00:00:00Z',
    ...rest,
    filter: { ...emptyFilter(), ...filter },
  };
}

export function meeting(extra: Partial<Meeting> = {}): Meeting {
  return {
    id: 'm1',
    groupId: 'itu-t-fg-mv',
    title: '4th meeting',
    start: '2024-04-15',
    end: '2024-04-19',
    allDay: true,
    timeZone: 'Europe/Zurich',
    location: 'Geneva',
    deadlines: [{ kind: 'contributions', at: '2024-04-03' }],
    origin: 'config',
    ...extra,
  };
}
