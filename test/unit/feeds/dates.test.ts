import { describe, expect, it } from 'vitest';
import { parseDayOnly, parseFeedDate } from '../../../src/feeds/dates.js';

describe('parseFeedDate', () => {
  it.each([
    ['Wed, 05 Jul 2023 14:30:00 GMT', '2023-07-05T14:30:00.000Z'],
    ['Wed, 05 Jul 2023 14:30:00 +0000', '2023-07-05T14:30:00.000Z'],
    ['Wed, 05 Jul 2023 14:30:00 EST', '2023-07-05T19:30:00.000Z'],
    ['Wed, 05 Jul 2023 14:30:00 EDT', '2023-07-05T18:30:00.000Z'],
    ['Tue, 3 Oct 2023 09:00:00 PDT', '2023-10-03T16:00:00.000Z'],
    ['Thu, 12 Oct 2023 10:00 CEST', '2023-10-12T08:00:00.000Z'],
    ['Mon, 04 Dec 2023 08:00:00 +0100', '2023-12-04T07:00:00.000Z'],
    ['05 Jul 23 14:30 UT', '2023-07-05T14:30:00.000Z'],
    ['Sun, 05 Jul 2023 14:30:00 GMT', '2023-07-05T14:30:00.000Z'], // wrong weekday: ignored
    ['2023-10-05T08:15:00+02:00', '2023-10-05T06:15:00.000Z'],
    ['2023-10-05T08:15:00.123Z', '2023-10-05T08:15:00.123Z'],
    ['2023-10-05 08:15:00', '2023-10-05T08:15:00.000Z'],
    ['2023-10-05', '2023-10-05T00:00:00.000Z'],
    ['14 June 2024', '2024-06-14T00:00:00.000Z'],
    ['June 14, 2024', '2024-06-14T00:00:00.000Z'],
    ['July 2023', '2023-07-01T00:00:00.000Z'],
  ])('reads %s', (raw, iso) => {
    expect(parseFeedDate(raw)).toBe(iso);
  });

  it.each([undefined, '', 'sometime last week', 'Wed, 45 Foo 2023 99:99:99 GMT', '2024-13-45', 'Wed, 05 Jul 2023 14:30:00 XYZ'])(
    'gives undefined for %s',
    (raw) => {
      expect(parseFeedDate(raw)).toBeUndefined();
    },
  );
});

describe('parseDayOnly', () => {
  it('reads calendar cells as days without shifting them', () => {
    expect(parseDayOnly('2023-10-03')).toBe('2023-10-03');
    expect(parseDayOnly(' 3 October 2023 ')).toBe('2023-10-03');
    expect(parseDayOnly('TBD')).toBeUndefined();
  });
});
