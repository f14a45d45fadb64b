import { annualSummaryText, percent } from './annual-report';

describe('annual summary', () => {
  it('fills in the masked figures of the report', () => {
    const sut = annualSummaryText(
      {
        year: 2026,
        asOf: '2026-12-31',
        staff: 62,
        civilServants: 20,
        enforcementStaff: 25,
        certified: 20,
        share: 0.8,
        certifiedCivilServants: 20,
        certificatesIssued: { enforcement: 3, training: 1 },
        exams: [],
        skippedExams: [],
        examTotals: { exams: 0, shouldSit: 0, sat: 0, passed: 0, participationRate: null, passRate: null },
        studyHours: { totalHours: 10, perPerson: 0.2, target: 40, belowTarget: 20 },
        regulationsInForce: 18,
        stations: { district: 1, street: 2, community: 4, total: 7 },
        byStationLevel: [],
      },
      '区退役军人事务局',
    );
    expect(sut).toContain('公务员中持有效行政执法资格证书20人，全部取得行政执法资格证书');
    expect(sut).toContain('持证率80.0%');
    expect(sut).toContain('社区退役军人服务站4个');
    expect(sut).toContain('文件18件');
    expect(percent(null)).toBe('—');
    expect(sut).not.toContain('未计入');
  });

  it('says which exams were left out of the figures', () => {
    const sut = annualSummaryText(
      {
        year: 2026,
        asOf: '2026-12-31',
        staff: 1,
        civilServants: 0,
        enforcementStaff: 0,
        certified: 0,
        share: null,
        certifiedCivilServants: 0,
        certificatesIssued: { enforcement: 0, training: 0 },
        exams: [],
        skippedExams: [{ examId: 7, title: '损坏的考试', problem: '组卷规则不是有效的 JSON 对象' }],
        examTotals: { exams: 0, shouldSit: 0, sat: 0, passed: 0, participationRate: null, passRate: null },
        studyHours: { totalHours: 0, perPerson: 0, target: 40, belowTarget: 0 },
        regulationsInForce: 0,
        stations: { district: 0, street: 0, community: 0, total: 0 },
        byStationLevel: [],
      },
      '区退役军人事务局',
    );
    expect(sut).toContain('另有1场考试（《损坏的考试》）因考试配置损坏未计入');
  });
});
