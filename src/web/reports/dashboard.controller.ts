import { Get, Query, Res } from '@nestjs/common';
import { localDay } from '../../common/dates';
import { CurrentUser, Roles } from '../../common/decorators';
import { ACCESS, type AuthUser } from '../../common/roles';
import { ExamsService } from '../../exams/exams.service';
import { UnitsService } from '../../organization/units.service';
import { ReportsService } from '../../reports/reports.service';
import { render, type Reply } from '../shared/page';
import { PageController } from '../shared/page.guard';
import { load } from '../shared/section';
import { unitTrail } from '../shared/units';
import { dashboardPage } from './dashboard.pages';

/** The 持证率 dashboard of managers (their units) and admins: the reports service's JSON, one part each. */
@Roles(...ACCESS.managers)
@PageController()
export class DashboardController {
  constructor(
    private readonly reports: ReportsService,
    private readonly exams: ExamsService,
    private readonly units: UnitsService,
  ) {}

  @Get('app/dashboard')
  async dashboard(
    @CurrentUser() user: AuthUser,
    @Res() reply: Reply,
    @Query('unit') unit?: string,
    @Query('asOf') asOfParam?: string,
  ) {
    const unitId = unit && /^\d{1,9}$/.test(unit) ? Number(unit) : null;
    const asOf = asOfParam && /^\d{4}-\d{2}-\d{2}$/.test(asOfParam) ? asOfParam : null;
    const year = Number((asOf ?? localDay()).slice(0, 4));
    const q = { asOf: asOf ?? undefined, unitId: unitId ?? undefined };
    // A unit outside the caller's scope (403) or unknown (404) is the page's error, not an empty dashboard.
    const report =
      unitId !== null
        ? { ok: true as const, value: await this.reports.certificationReport(user, q) }
        : await load(this.reports.certificationReport(user, q));
    // One report after another: the first report of a day may store that day's snapshot (a transaction).
    const trend = await load(this.reports.trendReport(user, { year, unitId: q.unitId }));
    const uncertified = await load(this.reports.uncertifiedReport(user, q));
    const expiring = await load(this.reports.expiringReport(user, { ...q, days: 90 }));
    const atRisk = await load(this.reports.studyHoursAtRiskReport(user, { year, unitId: q.unitId }));
    const summary = await load(this.reports.annualSummary(user, { year, ...q }));
    const exams = await load(this.examReports(user, q.unitId));
    const tree = await this.units.tree(user);
    const trail = unitId !== null ? (unitTrail(tree, unitId) ?? []) : [];
    const scope = tree.length === 1 ? { id: tree[0].id, name: tree[0].name } : null;
    render(
      reply,
      '持证率',
      dashboardPage({
        asOf,
        unitId,
        scope,
        trail,
        year,
        report,
        trend,
        uncertified,
        expiring,
        atRisk,
        exams,
        summary,
      }),
      { active: '/app/dashboard' },
    );
  }

  /** 参考率 and 合格率 of every published exam in the caller's scope. */
  private async examReports(user: AuthUser, unitId: number | undefined) {
    const out = [];
    for (const e of await this.exams.list())
      if (e.status !== 'draft') out.push(await this.reports.examReport(user, e.id, { unitId }));
    return out;
  }
}
