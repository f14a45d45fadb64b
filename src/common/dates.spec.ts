import { localDay } from './dates';

describe('localDay', () => {
  it('gives the day in China Standard Time, not UTC', () => {
    expect(localDay(new Date('2026-11-27T23:30:00Z'))).toBe('2026-11-28'); // 07:30 in Beijing
    expect(localDay(new Date('2026-11-28T15:59:59Z'))).toBe('2026-11-28');
    expect(localDay(new Date('2026-11-28T16:00:00Z'))).toBe('2026-11-29');
  });
});
