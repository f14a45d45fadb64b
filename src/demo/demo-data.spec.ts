import { BUSINESS_LINES } from '../common/business-lines';
import { DEMO_ACCOUNTS, DEMO_EXAMS, DEMO_UNITS, demoStaff } from './demo-data';

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

  it('has one qualification exam per business line, each with a specialty part drawn from that line', () => {
    const qualification = DEMO_EXAMS.filter((e) => e.kind === 'qualification');
    expect(qualification.map((e) => e.audience?.lines?.join()).sort()).toEqual([...BUSINESS_LINES].sort());
    for (const e of qualification) {
      expect(e.blueprint.parts.map((p) => [p.key, p.source.kind, p.passMark])).toEqual([
        ['general', 'common', 30],
        ['specialty', 'specialty', 30],
      ]);
      expect(e.audience?.enforcementOnly).toBeFalsy();
    }
  });

  it('puts every demo member of staff with a line (双拥 included) in the audience of their line’s qualification exam', () => {
    const audiences = DEMO_EXAMS.filter((e) => e.kind === 'qualification').map(
      (e) => e.audience?.lines ?? [],
    );
    const outside = [...DEMO_ACCOUNTS, ...sut]
      .filter((p) => p.lines.length > 0)
      .filter((p) => !p.lines.every((l) => audiences.some((a) => a.length === 1 && a[0] === l)));
    expect(outside.map((p) => p.username)).toEqual([]);
    expect(sut.some((p) => p.lines.includes('double-support'))).toBe(true);
  });
});
