/** Pure: the figures of the annual rule-of-law report and their one-page Chinese summary. */
import type { GroupShare } from './certification-share';

export interface AnnualExam {
  examId: number;
  title: string;
  kindLabel: string;
  shouldSit: number;
  sat: number;
  passed: number;
  participationRate: number | null;
  passRate: number | null;
  average: number | null;
}

export interface AnnualFigures {
  year: number;
  asOf: string;
  staff: number;
  civilServants: number;
  enforcementStaff: number;
  certified: number;
  share: number | null;
  certifiedCivilServants: number;
  certificatesIssued: { enforcement: number; training: number };
  exams: AnnualExam[];
  /** Exams of the year left out of the figures because their data could not be read (a broken configuration). */
  skippedExams: { examId: number; title: string; problem: string }[];
  examTotals: {
    exams: number;
    shouldSit: number;
    sat: number;
    passed: number;
    participationRate: number | null;
    passRate: number | null;
  };
  studyHours: { totalHours: number; perPerson: number | null; target: number; belowTarget: number };
  regulationsInForce: number;
  stations: { district: number; street: number; community: number; total: number };
  byStationLevel: GroupShare[];
}

export function percent(x: number | null): string {
  return x == null ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
}

/** A one-page summary a manager can paste into the report (the seed report's masked figures filled in). */
export function annualSummaryText(f: AnnualFigures, unitName: string): string {
  const lines: string[] = [];
  lines.push(`${unitName}${f.year}年度学法考试与行政执法资格情况（截至${f.asOf}）`);
  lines.push('');
  lines.push(
    `一、人员与持证。全局（本级及下属单位）在册干部职工${f.staff}人，其中公务员${f.civilServants}人；执法岗位人员${f.enforcementStaff}人，` +
      `持有效行政执法资格证书${f.certified}人，持证率${percent(f.share)}。公务员中持有效行政执法资格证书${f.certifiedCivilServants}人` +
      (f.civilServants > 0 && f.certifiedCivilServants === f.civilServants
        ? '，全部取得行政执法资格证书。'
        : '。') +
      `本年度新发行政执法资格证书${f.certificatesIssued.enforcement}本、培训合格证${f.certificatesIssued.training}本。`,
  );
  const levels = f.byStationLevel
    .filter((l) => l.enforcementStaff > 0)
    .map((l) => `${l.label}执法岗位${l.enforcementStaff}人、持证率${percent(l.share)}`);
  if (levels.length) {
    const weakest = [...f.byStationLevel]
      .filter((l) => l.share != null)
      .sort((a, b) => (a.share as number) - (b.share as number))[0];
    lines.push(
      `二、基层服务站。全区共有区级退役军人服务中心（站）${f.stations.district}个、街道退役军人服务站${f.stations.street}个、社区退役军人服务站${f.stations.community}个，合计${f.stations.total}个；` +
        `${levels.join('；')}。` +
        (weakest && (weakest.share ?? 1) < (f.share ?? 0)
          ? `${weakest.label}持证率低于全局水平，专业人员力量配备仍需加强。`
          : ''),
    );
  } else {
    lines.push(
      `二、基层服务站。全区共有区级退役军人服务中心（站）${f.stations.district}个、街道退役军人服务站${f.stations.street}个、社区退役军人服务站${f.stations.community}个，合计${f.stations.total}个。`,
    );
  }
  const t = f.examTotals;
  lines.push(
    `三、学法考试。本年度组织考试${t.exams}场，应考${t.shouldSit}人次，实考${t.sat}人次，参考率${percent(t.participationRate)}；合格${t.passed}人次，合格率${percent(t.passRate)}。` +
      f.exams
        .map(
          (e) =>
            `《${e.title}》（${e.kindLabel}）应考${e.shouldSit}人、实考${e.sat}人、合格${e.passed}人，参考率${percent(e.participationRate)}、合格率${percent(e.passRate)}` +
            (e.average != null ? `、平均分${e.average}` : ''),
        )
        .join('；') +
      (f.exams.length ? '。' : '') +
      (f.skippedExams.length
        ? `另有${f.skippedExams.length}场考试（${f.skippedExams.map((e) => `《${e.title}》`).join('、')}）因考试配置损坏未计入以上数字，请系统管理员修复后重新生成。`
        : ''),
  );
  lines.push(
    `四、学时。全年累计学习${f.studyHours.totalHours}学时，人均${f.studyHours.perPerson ?? 0}学时；持证人员年度学时要求为${f.studyHours.target}学时，尚有${f.studyHours.belowTarget}人未达标。`,
  );
  lines.push(`五、法规汇编。《政策法规文件选编》收录现行有效的政策法规文件${f.regulationsInForce}件。`);
  return lines.join('\n') + '\n';
}
