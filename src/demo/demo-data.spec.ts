import { BUSINESS_LINES } from '../common/business-lines';
import { DEMO_ACCOUNTS, DEMO_UNITS, demoStaff } from './demo-data';

describe('demo data', () => {
  const sut = demoStaff();

  it('has about 60 staff with unique staff numbers', () => {
    expect(sut.length).toBeGreaterThanOrEqual(55);
    expect(sut.length).toBeLessThanOrEqual(65);
    expect(new Set(sut.map((p) => p.staffNo)).size).toBe(sut.length);
  });

  it('covers all six business lines and has enforcement posts in departments and stations', () => {
    const lines = new Set(sut.flatMap((p) => p.lines));
    for (const line of BUSINESS_LINES) expect(lines).toContain(line);
    const kindOf = new Map(DEMO_UNITS.map((u) => [u.key, u.kind]));
    expect(sut.some((p) => p.enforcementPost && kindOf.get(p.unit) === 'department')).toBe(true);
    expect(sut.some((p) => p.enforcementPost && kindOf.get(p.unit) === 'station')).toBe(true);
    expect(sut.some((p) => !p.enforcementPost)).toBe(true);
  });

  it('has the README accounts: staff holds a 优抚褒扬 enforcement post', () => {
    const staff = DEMO_ACCOUNTS.find((a) => a.username === 'staff');
    expect(staff).toMatchObject({ enforcementPost: true, lines: ['care'] });
    expect(DEMO_ACCOUNTS.find((a) => a.username === 'station-manager')?.unit).toBe('district');
  });

  it('is deterministic', () => {
    expect(demoStaff()).toEqual(sut);
  });
});
