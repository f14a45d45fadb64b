import { localDay } from './dates';

describe('localDay', () => {
  it('gives the day in China Standard Time, not UTC', () => {
    expect(localDay(new Date('2026-11-27T23:30:00Z'))).toBe('2026-11-28'); // 07:30 in Beijing
    expect(localDay(new Date('2026-11-28T15:59:59Z'))).toBe('2026-11-28');
    expect(localDay(new Date('2026-11-28T16:00:00Z'))).toBe('2026-11-29');
  });

  it('agrees with the time-zone database everywhere: day edges, year ends, leap days, and the 1986–1991 summer time', () => {
    const intl = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const instants = [
      '1991-07-01T15:30:00Z', // summer time: already 07-02 in Beijing (UTC+9)
      '1991-09-14T15:30:00Z',
      '1991-12-31T15:59:59.999Z',
      '1991-12-31T16:00:00Z',
      '1992-01-01T00:00:00Z',
      '2024-02-28T16:00:00Z', // a leap day
      '2026-12-31T15:59:59.999Z',
      '2026-12-31T16:00:00Z',
      '2100-02-28T16:00:00Z',
      '9999-12-31T15:59:59.999Z',
      '9999-12-31T16:00:00Z',
    ].map((s) => new Date(s));
    // And a spread of instants, each near a day edge in Beijing, 1985 to 2200.
    for (let t = Date.UTC(1985, 0, 1, 15, 59, 59); t < Date.UTC(2200, 0, 1); t += 37 * 86_400_000 + 1)
      instants.push(new Date(t), new Date(t + 1000));
    for (const at of instants)
      expect([at.toISOString(), localDay(at)]).toEqual([at.toISOString(), intl.format(at)]);
  });

  it('refuses an invalid date as before', () => {
    expect(() => localDay(new Date(NaN))).toThrow(RangeError);
  });
});
