/**
 * The JSON reports (the dashboard page shows the same objects). Each class states the shape the pure report
 * functions build (certification-share, exam-stats, annual-report), so the API document and the pages read one
 * definition.
 */
import { ApiEnum, ApiNullable } from '../common/openapi';
import { CERTIFICATE_STATUS_LABELS } from '../certification/certificate-rules';
import { EXAM_KINDS } from '../exams/exam.entity';
import type { ExamKind } from '../exams/exam.entity';
import type { CertificateStatus } from '../certification/certificate-rules';
import type { AnnualExam, AnnualFigures } from './annual-report';
import type { CertificationReport, GroupShare, UnitShare } from './certification-share';
import type { ExamFigures } from './exam-stats';

export class GroupShareResponse implements GroupShare {
  /** A business line or a station level. @example care */
  key: string;
  /** @example 优抚褒扬 */
  label: string;
  /** @example 12 */
  enforcementStaff: number;
  /** @example 10 */
  certified: number;
  /** certified ÷ enforcementStaff to four decimals; null when there is nobody to certify. @example 0.8333 */
  share: number | null;
}

export class UnitShareResponse implements UnitShare {
  /** @example 3 */
  unitId: number;
  /** @example 区退役军人服务中心（站） */
  name: string;
  /** @example station */
  kind: string;
  /** @example district */
  level: string | null;
  /** The unit and every unit below it. @example 8 */
  enforcementStaff: number;
  /** @example 6 */
  certified: number;
  /** @example 0.75 */
  share: number | null;
  children: UnitShareResponse[];
  /**
   * 本级: the unit's own staff, not counted in any child, when it has both children and staff of its own (null
   * otherwise). With it the rows under a unit add up to the unit's figures.
   */
  ownLevel: OwnLevelResponse | null;
}

export class OwnLevelResponse {
  /** @example 4 */
  enforcementStaff: number;
  /** @example 3 */
  certified: number;
  /** @example 0.75 */
  share: number | null;
}

/** 持证率 as of a day: the whole scope, per unit (tree), per business line and per station level. */
export class CertificationReportResponse implements CertificationReport {
  /** @example 2026-06-30 */
  asOf: string;
  /** The unit asked for, or null for the caller's whole scope. @example null */
  unitId: number | null;
  /** @example 40 */
  enforcementStaff: number;
  /** @example 34 */
  certified: number;
  /** @example 0.85 */
  share: number | null;
  byUnit: UnitShareResponse[];
  byLine: GroupShareResponse[];
  byStationLevel: GroupShareResponse[];
}

export class TrendMonthResponse {
  /** A month's last day (or today). @example 2026-01-31 */
  asOf: string;
  /** @example 40 */
  enforcementStaff: number;
  /** @example 33 */
  certified: number;
  /** @example 0.825 */
  share: number | null;
}

export class TrendReportResponse {
  /** @example 2026 */
  year: number;
  /** @example null */
  unitId: number | null;
  months: TrendMonthResponse[];
}

export class PersonResponse {
  /** @example 5 */
  userId: number;
  /** @example 王学员 */
  name: string;
  /** @example S0001 */
  staffNo: string | null;
  /** @example 7 */
  unitId: number | null;
  /** @example 优抚褒扬科 */
  unitName: string | null;
}

export class LastCertificateResponse {
  /** @example XZZF-2019-00012 */
  number: string;
  /** @example 2024-02-29 */
  expiresOn: string;
  @ApiEnum(Object.keys(CERTIFICATE_STATUS_LABELS))
  status: CertificateStatus;
  /** @example 已过期 */
  statusLabel: string;
}

export class UncertifiedPersonResponse extends PersonResponse {
  /** Business lines, comma-separated. @example care,rights */
  businessLines: string;
  /** The latest enforcement certificate, if any. */
  @ApiNullable(() => LastCertificateResponse)
  last: LastCertificateResponse | null;
}

export class UncertifiedReportResponse {
  /** @example 2026-06-30 */
  asOf: string;
  /** @example 6 */
  total: number;
  items: UncertifiedPersonResponse[];
}

export class ExpiringCertificateResponse extends PersonResponse {
  /** As stored: ',care,rights,'. @example ,care, */
  businessLines: string;
  /** @example 3 */
  certificateId: number;
  /** @example enforcement */
  kind: string;
  /** @example 行政执法资格证书 */
  kindLabel: string;
  /** @example XZZF-2021-00003 */
  number: string;
  /** @example 2021-07-15 */
  issuedOn: string;
  /** @example 2026-07-14 */
  expiresOn: string;
  /** @example 14 */
  daysLeft: number;
}

export class ExpiringReportResponse {
  /** @example 2026-06-30 */
  asOf: string;
  /** @example 90 */
  days: number;
  /** @example 1 */
  total: number;
  items: ExpiringCertificateResponse[];
}

export class AtRiskPersonResponse extends PersonResponse {
  /** As stored: ',care,rights,'. @example ,care, */
  businessLines: string;
  /** @example 12.5 */
  hours: number;
  /** @example 40 */
  target: number;
  /** @example 27.5 */
  shortfall: number;
}

/** Holders of a valid enforcement certificate below the annual study-hour target. */
export class AtRiskReportResponse {
  /** @example 2026 */
  year: number;
  /** @example 40 */
  target: number;
  /** Certificate holders counted. @example 20 */
  holders: number;
  /** @example 14 */
  total: number;
  items: AtRiskPersonResponse[];
}

export class ExamFiguresResponse implements ExamFigures {
  /** @example 60 */
  shouldSit: number;
  /** @example 45 */
  sat: number;
  /** @example 40 */
  passed: number;
  /** 参考率. @example 0.75 */
  participationRate: number | null;
  /** 合格率. @example 0.8889 */
  passRate: number | null;
  /** @example 82.5 */
  average: number | null;
}

export class ReportExamResponse {
  /** @example 1 */
  id: number;
  /** @example 2026年度学法用法考试 */
  title: string;
  @ApiEnum(EXAM_KINDS)
  kind: ExamKind;
  /** @example 学法用法考试 */
  kindLabel: string;
  /** @example 100 */
  maxScore: number;
}

export class ScoreBandResponse {
  /** @example 90-100 */
  key: string;
  /** @example 90–100% */
  label: string;
  /** @example 12 */
  count: number;
}

export class UnitExamFiguresResponse extends ExamFiguresResponse {
  /** @example 7 */
  unitId: number;
  /** @example 优抚褒扬科 */
  name: string;
}

export class LineExamFiguresResponse extends ExamFiguresResponse {
  /** @example care */
  key: string;
  /** @example 优抚褒扬 */
  label: string;
}

/** Per exam: the must-sit roster's figures, the score distribution, per unit and per business line. */
export class ExamReportResponse extends ExamFiguresResponse {
  exam: ReportExamResponse;
  /** @example 100 */
  maxScore: number;
  distribution: ScoreBandResponse[];
  byUnit: UnitExamFiguresResponse[];
  byLine: LineExamFiguresResponse[];
}

export class AnnualExamResponse extends ExamFiguresResponse implements AnnualExam {
  /** @example 1 */
  examId: number;
  /** @example 2026年度学法用法考试 */
  title: string;
  /** @example 学法用法考试 */
  kindLabel: string;
}

export class CertificatesIssuedResponse {
  /** @example 12 */
  enforcement: number;
  /** @example 30 */
  training: number;
}

export class ExamTotalsResponse {
  /** @example 2 */
  exams: number;
  /** @example 100 */
  shouldSit: number;
  /** @example 90 */
  sat: number;
  /** @example 80 */
  passed: number;
  /** @example 0.9 */
  participationRate: number | null;
  /** @example 0.8889 */
  passRate: number | null;
}

export class AnnualStudyHoursResponse {
  /** @example 1240.5 */
  totalHours: number;
  /** @example 20.3 */
  perPerson: number | null;
  /** @example 40 */
  target: number;
  /** Certificate holders below the target. @example 14 */
  belowTarget: number;
}

export class StationCountsResponse {
  /** @example 1 */
  district: number;
  /** @example 2 */
  street: number;
  /** @example 4 */
  community: number;
  /** @example 7 */
  total: number;
}

/** The figures of the annual rule-of-law report (年度法治政府建设报告). */
export class SkippedExamResponse {
  /** @example 7 */
  examId: number;
  /** @example 2026年第三季度考核 */
  title: string;
  /** @example 组卷规则不是有效的 JSON 对象 */
  problem: string;
}

export class AnnualFiguresResponse implements AnnualFigures {
  /** @example 2026 */
  year: number;
  /** Exams left out because their stored configuration is broken (an administrator repairs them). */
  skippedExams: SkippedExamResponse[];
  /** @example 2026-12-31 */
  asOf: string;
  /** @example 64 */
  staff: number;
  /** @example 40 */
  civilServants: number;
  /** @example 40 */
  enforcementStaff: number;
  /** @example 34 */
  certified: number;
  /** @example 0.85 */
  share: number | null;
  /** @example 30 */
  certifiedCivilServants: number;
  certificatesIssued: CertificatesIssuedResponse;
  exams: AnnualExamResponse[];
  examTotals: ExamTotalsResponse;
  studyHours: AnnualStudyHoursResponse;
  /** @example 20 */
  regulationsInForce: number;
  stations: StationCountsResponse;
  byStationLevel: GroupShareResponse[];
}
