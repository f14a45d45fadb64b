import { Controller, Get, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/decorators';
import { ACCESS, type AuthUser } from '../common/roles';
import { download, type DownloadReply } from '../common/download';
import { ApiReport, ApiText } from '../common/openapi';
import { ReportQuery } from './dto/report-query.dto';
import {
  AnnualFiguresResponse,
  AtRiskReportResponse,
  CertificationReportResponse,
  ExamReportResponse,
  ExpiringReportResponse,
  TrendReportResponse,
  UncertifiedReportResponse,
} from './report.response';
import { ReportFile, ReportsService } from './reports.service';

/** Sends a ReportFile as a download and anything else as JSON. */
function send(reply: DownloadReply, out: unknown) {
  return out instanceof ReportFile ? download(reply, out.contentType, out) : out;
}

@ApiTags('reports')
@ApiBearerAuth()
@Roles(...ACCESS.managers)
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @ApiReport(CertificationReportResponse)
  @Get('certification')
  async certification(
    @CurrentUser() u: AuthUser,
    @Query() q: ReportQuery,
    @Res({ passthrough: true }) r: DownloadReply,
  ) {
    return send(r, await this.reports.certification(u, q));
  }

  @ApiReport(TrendReportResponse)
  @Get('certification/trend')
  async trend(
    @CurrentUser() u: AuthUser,
    @Query() q: ReportQuery,
    @Res({ passthrough: true }) r: DownloadReply,
  ) {
    return send(r, await this.reports.trend(u, q));
  }

  @ApiReport(UncertifiedReportResponse)
  @Get('certification/uncertified')
  async uncertified(
    @CurrentUser() u: AuthUser,
    @Query() q: ReportQuery,
    @Res({ passthrough: true }) r: DownloadReply,
  ) {
    return send(r, await this.reports.uncertified(u, q));
  }

  @ApiReport(ExpiringReportResponse)
  @Get('certification/expiring')
  async expiring(
    @CurrentUser() u: AuthUser,
    @Query() q: ReportQuery,
    @Res({ passthrough: true }) r: DownloadReply,
  ) {
    return send(r, await this.reports.expiring(u, q));
  }

  @ApiReport(AtRiskReportResponse)
  @Get('study-hours/at-risk')
  async studyHours(
    @CurrentUser() u: AuthUser,
    @Query() q: ReportQuery,
    @Res({ passthrough: true }) r: DownloadReply,
  ) {
    return send(r, await this.reports.studyHoursAtRisk(u, q));
  }

  @ApiReport(ExamReportResponse)
  @Get('exams/:id')
  async exam(
    @CurrentUser() u: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Query() q: ReportQuery,
    @Res({ passthrough: true }) r: DownloadReply,
  ) {
    return send(r, await this.reports.exam(u, id, q));
  }

  @ApiReport(AnnualFiguresResponse)
  @Get('annual')
  async annual(
    @CurrentUser() u: AuthUser,
    @Query() q: ReportQuery,
    @Res({ passthrough: true }) r: DownloadReply,
  ) {
    return send(r, await this.reports.annual(u, q));
  }

  /** The one-page Chinese summary to paste into the annual report. */
  @ApiText('可直接复制到年度法治政府建设报告的文字', '2026年，区退役军人事务局……')
  @Get('annual/summary')
  async annualSummary(
    @CurrentUser() u: AuthUser,
    @Query() q: ReportQuery,
    @Res({ passthrough: true }) r: DownloadReply,
  ) {
    const text = await this.reports.annualSummary(u, q);
    r.header('Content-Type', 'text/plain; charset=utf-8');
    return text;
  }
}
