import { Inject, Injectable, Logger } from '@nestjs/common';
import { localDay } from '../common/dates';
import { CertificatesService } from '../certification/certificates.service';
import {
  CERTIFICATE_STATUS_LABELS,
  addDays,
  daysBetween,
  isDay,
  statusOn,
} from '../certification/certificate-rules';
import { CERTIFICATE_KIND_LABELS, type CertificateKind } from '../certification/certificate.entity';
import { APP_CONFIG } from '../common/app-config.module';
import { decodeLines } from '../common/business-lines';
import type { AppConfig } from '../common/config';
import { AppError } from '../common/errors';
import { toErrorBody } from '../common/http-exception.filter';
import type { AuthUser } from '../common/roles';
import { toCsv, toReportXlsx } from '../common/sheet';
import { CurriculumService } from '../curriculum/curriculum.service';
import { StudyHoursService } from '../curriculum/study-hours.service';
import { ExamsService } from '../exams/exams.service';
import { AccessService } from '../organization/access.service';
import { UnitsService } from '../organization/units.service';
import { AnnualExam, AnnualFigures, annualSummaryText } from './annual-report';
import type {
  AnnualFiguresResponse,
  AtRiskReportResponse,
  CertificationReportResponse,
  ExamReportResponse,
  ExpiringReportResponse,
  TrendReportResponse,
  UncertifiedReportResponse,
} from './report.response';
import { buildCertificationReport, monthEnds, ReportUnit, share } from './certification-share';
import type { ReportFormat, ReportQuery } from './dto/report-query.dto';
import { examStatistics } from './exam-stats';
import {
  annualTable,
  certificationTable,
  examTable,
  expiringTable,
  ReportTable,
  studyHoursTable,
  trendTable,
  uncertifiedTable,
} from './report-tables';

/** A download: the controller sends it as a file. */
export class ReportFile {
  constructor(
    readonly body: Buffer,
    readonly fileName: string,
    readonly contentType: string,
  ) {}
}

const SAFE_FILE = /[\\/:*?"<>|\s]+/g;

@Injectable()
export class ReportsService {
  private readonly logger = new Logger('ReportsService');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly certificates: CertificatesService,
    private readonly units: UnitsService,
    private readonly access: AccessService,
    private readonly exams: ExamsService,
    private readonly studyHours: StudyHoursService,
    private readonly curriculum: CurriculumService,
  ) {}

  /** The subtree a report covers: the caller's scope, narrowed to `unitId` when given (403 outside it). */
  private async scope(actor: AuthUser, unitId?: number) {
    let path = (await this.access.scopeRootPath(actor)) ?? '/';
    let unit: ReportUnit | null = null;
    if (unitId) {
      const u = await this.access.requireUnitId(actor, unitId);
      path = u.path;
      unit = u;
    }
    const units: ReportUnit[] = (await this.units.findAll()).filter((u) => u.path.startsWith(path));
    return { path, unit, units };
  }

  private day(asOf?: string): string {
    const d = asOf ?? localDay();
    if (!isDay(d)) throw AppError.badRequest(`日期“${d}”无效`, [{ field: 'asOf', message: '日期无效' }]);
    return d;
  }

  /** The name of the subtree a report covers, for the title row of its XLSX: the unit asked for or the scope's top. */
  private async scopeName(actor: AuthUser, unitId?: number): Promise<string> {
    const { path, unit } = await this.scope(actor, unitId);
    if (unit) return unit.name;
    return (await this.units.findAll()).find((u) => u.path === path)?.name ?? '全局';
  }

  private async output<T>(
    actor: AuthUser,
    q: Pick<ReportQuery, 'format' | 'unitId'>,
    json: T,
    table: (x: T) => ReportTable,
  ) {
    const format: ReportFormat | undefined = q.format;
    if (!format || format === 'json') return json;
    const t = table(json);
    const name = t.title.replace(SAFE_FILE, '_');
    if (format === 'csv')
      return new ReportFile(toCsv(t.headers, t.rows), `${name}.csv`, 'text/csv; charset=utf-8');
    const scope = await this.scopeName(actor, q.unitId);
    return new ReportFile(
      await toReportXlsx({
        sheetName: t.title.slice(0, 31).replace(/[\\/*?:[\]]/g, ''),
        title: t.title,
        subtitle: `统计范围：${scope} · 截至：${t.asOf ?? localDay()} · 导出日期：${localDay()}`,
        headers: t.headers,
        rows: t.rows,
        formats: t.formats,
        rowFormats: t.rowFormats,
      }),
      `${name}.xlsx`,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  }

  private async certificationOn(path: string, units: ReportUnit[], day: string, unitId: number | null) {
    return buildCertificationReport(
      day,
      units,
      await this.certificates.countCertifiedByUnit(day, path),
      unitId,
    );
  }

  // Each report: its JSON (…Report, which the dashboard page shows) and the download the API sends for `format`.

  async certification(actor: AuthUser, q: ReportQuery) {
    return this.output(actor, q, await this.certificationReport(actor, q), certificationTable);
  }

  async trend(actor: AuthUser, q: ReportQuery) {
    return this.output(actor, q, await this.trendReport(actor, q), trendTable);
  }

  async uncertified(actor: AuthUser, q: ReportQuery) {
    return this.output(actor, q, await this.uncertifiedReport(actor, q), uncertifiedTable);
  }

  async expiring(actor: AuthUser, q: ReportQuery) {
    return this.output(actor, q, await this.expiringReport(actor, q), expiringTable);
  }

  async studyHoursAtRisk(actor: AuthUser, q: ReportQuery) {
    return this.output(actor, q, await this.studyHoursAtRiskReport(actor, q), studyHoursTable);
  }

  async exam(actor: AuthUser, examId: number, q: ReportQuery) {
    return this.output(actor, q, await this.examReport(actor, examId, q), examTable);
  }

  async annual(actor: AuthUser, q: ReportQuery) {
    return this.output(actor, q, (await this.annualFigures(actor, q)).figures, annualTable);
  }

  /** 持证率 as of a day, per unit (tree), business line and station level. */
  async certificationReport(actor: AuthUser, q: ReportQuery): Promise<CertificationReportResponse> {
    const { path, units, unit } = await this.scope(actor, q.unitId);
    return this.certificationOn(path, units, this.day(q.asOf), unit?.id ?? null);
  }

  /** Month-end 持证率 for a year (up to today). */
  async trendReport(actor: AuthUser, q: ReportQuery): Promise<TrendReportResponse> {
    const { path, units, unit } = await this.scope(actor, q.unitId);
    const year = q.year ?? new Date().getUTCFullYear();
    const months = [];
    for (const day of monthEnds(year, localDay())) {
      const r = await this.certificationOn(path, units, day, unit?.id ?? null);
      months.push({
        asOf: day,
        enforcementStaff: r.enforcementStaff,
        certified: r.certified,
        share: r.share,
      });
    }
    return { year, unitId: unit?.id ?? null, months };
  }

  /** Enforcement staff without a valid enforcement certificate on a day. */
  async uncertifiedReport(actor: AuthUser, q: ReportQuery): Promise<UncertifiedReportResponse> {
    const { path } = await this.scope(actor, q.unitId);
    const day = this.day(q.asOf);
    const rows = await this.certificates.uncertifiedStaff(day, path);
    const items = rows.map((r) => ({
      ...r,
      businessLines: decodeLines(r.businessLines).join(','),
      last: r.last
        ? {
            number: r.last.number,
            expiresOn: r.last.expiresOn,
            status: statusOn(r.last, day),
            statusLabel: CERTIFICATE_STATUS_LABELS[statusOn(r.last, day)],
          }
        : null,
    }));
    return { asOf: day, total: items.length, items };
  }

  /** Certificates valid today that expire within `days` days (default 90), not yet renewed. */
  async expiringReport(actor: AuthUser, q: ReportQuery): Promise<ExpiringReportResponse> {
    const { path } = await this.scope(actor, q.unitId);
    const day = this.day(q.asOf);
    const days = q.days ?? 90;
    const rows = await this.certificates.expiring(day, addDays(day, days), path);
    const items = rows.map((r) => ({
      ...r,
      kindLabel: CERTIFICATE_KIND_LABELS[r.kind as CertificateKind] ?? r.kind,
      daysLeft: daysBetween(day, r.expiresOn),
    }));
    return { asOf: day, days, total: items.length, items };
  }

  /** Holders of a valid enforcement certificate below the annual study-hour target (STUDY_HOURS_TARGET). */
  async studyHoursAtRiskReport(actor: AuthUser, q: ReportQuery): Promise<AtRiskReportResponse> {
    const { path } = await this.scope(actor, q.unitId);
    const year = q.year ?? new Date().getUTCFullYear();
    const today = localDay();
    const day = today.startsWith(String(year)) ? today : `${year}-12-31`;
    const holders = await this.certificates.holders(day, path);
    const seconds = await this.studyHours.secondsByUser(year);
    const target = this.config.studyHoursTarget;
    const items = holders
      .map((h) => {
        const hours = Math.round(((seconds.get(h.userId) ?? 0) / 3600) * 10) / 10;
        return { ...h, hours, target, shortfall: Math.round((target - hours) * 10) / 10 };
      })
      .filter((h) => h.hours < target);
    return { year, target, holders: holders.length, total: items.length, items };
  }

  /** Per exam: must-sit roster figures, 参考率, 合格率, average, distribution, per unit and per line. */
  async examReport(actor: AuthUser, examId: number, q: ReportQuery): Promise<ExamReportResponse> {
    const { path } = await this.scope(actor, q.unitId);
    return this.examFiguresFor(examId, path);
  }

  private async examFiguresFor(examId: number, path: string): Promise<ExamReportResponse> {
    const roster = await this.exams.rosterGroups(examId, path);
    const e = roster.exam;
    return {
      exam: { id: e.id, title: e.title, kind: e.kind, kindLabel: e.kindLabel, maxScore: roster.maxScore },
      ...examStatistics(roster.groups, roster.maxScore),
    };
  }

  /** The figures of the annual rule-of-law report for a year. */
  async annualFigures(
    actor: AuthUser,
    q: ReportQuery,
  ): Promise<{ figures: AnnualFiguresResponse; unitName: string }> {
    const { path, units, unit } = await this.scope(actor, q.unitId);
    const year = q.year ?? new Date().getUTCFullYear();
    const today = localDay();
    const asOf = `${year}-12-31` < today ? `${year}-12-31` : today;
    const heads = await this.certificates.headcounts(asOf, path);
    const cert = await this.certificationOn(path, units, asOf, unit?.id ?? null);
    const issued = await this.certificates.issuedBetween(`${year}-01-01`, `${year}-12-31`, path);

    const exams: AnnualExam[] = [];
    const skippedExams: AnnualFigures['skippedExams'] = [];
    for (const e of await this.exams.list()) {
      if (e.kind === 'practice' || e.status === 'draft') continue;
      const when = e.opensAt ?? e.closesAt;
      if ((when ? new Date(when).getUTCFullYear() : new Date().getUTCFullYear()) !== year) continue;
      // One broken exam is reported as left out; it never takes the whole report down.
      let f;
      try {
        if (e.problem) throw new Error(e.problem);
        f = await this.examFiguresFor(e.id, path);
      } catch (err) {
        const problem = err instanceof AppError ? String(toErrorBody(err).message) : (err as Error).message;
        if (!e.problem)
          this.logger.error(`年度报告：考试 ${e.id}《${e.title}》的数据无法统计，已跳过：${problem}`);
        skippedExams.push({ examId: e.id, title: e.title, problem: e.problem ?? problem });
        continue;
      }
      exams.push({
        examId: e.id,
        title: e.title,
        kindLabel: e.kindLabel,
        shouldSit: f.shouldSit,
        sat: f.sat,
        passed: f.passed,
        participationRate: f.participationRate,
        passRate: f.passRate,
        average: f.average,
      });
    }
    exams.sort((a, b) => a.examId - b.examId);
    const sum = (k: 'shouldSit' | 'sat' | 'passed') => exams.reduce((s, e) => s + e[k], 0);

    const seconds = await this.studyHours.secondsByUser(year);
    const people = await this.certificates.holders(asOf, path);
    let totalSeconds = 0;
    for (const id of await this.certificates.staffIds(asOf, path)) totalSeconds += seconds.get(id) ?? 0;
    const target = this.config.studyHoursTarget;
    const belowTarget = people.filter((h) => (seconds.get(h.userId) ?? 0) / 3600 < target).length;

    const regulations = await this.curriculum.list({ asOf });
    const stationCount = (level: string) =>
      units.filter((u) => u.kind === 'station' && u.level === level).length;
    const stations = {
      district: stationCount('district'),
      street: stationCount('street'),
      community: stationCount('community'),
      total: units.filter((u) => u.kind === 'station').length,
    };
    const figures: AnnualFigures = {
      year,
      asOf,
      staff: heads.staff,
      civilServants: heads.civilServants,
      enforcementStaff: heads.enforcementStaff,
      certified: heads.certified,
      share: share(heads.certified, heads.enforcementStaff),
      certifiedCivilServants: heads.certifiedCivilServants,
      certificatesIssued: { enforcement: issued.enforcement ?? 0, training: issued.training ?? 0 },
      exams,
      skippedExams,
      examTotals: {
        exams: exams.length,
        shouldSit: sum('shouldSit'),
        sat: sum('sat'),
        passed: sum('passed'),
        participationRate: share(sum('sat'), sum('shouldSit')),
        passRate: share(sum('passed'), sum('sat')),
      },
      studyHours: {
        totalHours: Math.round((totalSeconds / 3600) * 10) / 10,
        perPerson: heads.staff ? Math.round((totalSeconds / 3600 / heads.staff) * 10) / 10 : null,
        target,
        belowTarget,
      },
      regulationsInForce: regulations.filter((r) => r.status === 'in-force').length,
      stations,
      byStationLevel: cert.byStationLevel,
    };
    const unitName = unit?.name ?? units.find((u) => u.parentId == null)?.name ?? units[0]?.name ?? '本单位';
    return { figures, unitName };
  }

  async annualSummary(actor: AuthUser, q: ReportQuery): Promise<string> {
    const { figures, unitName } = await this.annualFigures(actor, q);
    return annualSummaryText(figures, unitName);
  }
}
