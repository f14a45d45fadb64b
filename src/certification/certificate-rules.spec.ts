import { defaultExpiry, formatNumber, maskName, parseDay, statusOn } from './certificate-rules';

describe('certificate rules', () => {
  it('reads days as people type them and refuses impossible ones', () => {
    expect(parseDay('2026/5/1')).toBe('2026-05-01');
    expect(parseDay('2026年5月1日')).toBe('2026-05-01');
    expect(parseDay('20260501')).toBe('2026-05-01');
    expect(parseDay('2026-02-30')).toBeUndefined();
    expect(parseDay('五月一日')).toBeUndefined();
  });
  it('ends validity the day before the anniversary, also from 29 February', () => {
    expect(defaultExpiry('2026-05-12', 5)).toBe('2031-05-11');
    expect(defaultExpiry('2024-02-29', 5)).toBe('2029-02-28');
  });
  it('numbers from the pattern with zero padding', () => {
    expect(formatNumber('XZZF-{year}-{seq:5}', 2026, 42)).toBe('XZZF-2026-00042');
    expect(formatNumber('{year}{seq}', 2026, 7)).toBe('20267');
  });
  it('derives the status on a day: before issue, valid through the last day, expired after, revoked from its day', () => {
    const sut = { issuedOn: '2025-01-10', expiresOn: '2025-06-30', status: null, statusSince: null };
    expect(statusOn(sut, '2025-01-09')).toBe('not-yet-valid');
    expect(statusOn(sut, '2025-06-30')).toBe('valid');
    expect(statusOn(sut, '2025-07-01')).toBe('expired');
    const revoked = { ...sut, status: 'revoked' as const, statusSince: '2025-03-01' };
    expect(statusOn(revoked, '2025-02-28')).toBe('valid');
    expect(statusOn(revoked, '2025-03-01')).toBe('revoked');
  });
  it('masks every character after the first', () => {
    expect(maskName('王学员')).toBe('王**');
    expect(maskName('李四')).toBe('李*');
  });
});
