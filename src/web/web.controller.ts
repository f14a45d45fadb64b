import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import { localDay } from '../common/dates';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/decorators';
import type { Role } from '../common/roles';
import { ACCESS_COOKIE } from '../identity/jwt.strategy';
import { CSRF_COOKIE, newCsrfToken, sameToken } from './csrf';
import { html, SafeHtml } from './html';
import { layout } from './layout';
import { rosterImportPage, UnitNode, unitsPage, UserRow, usersPage } from './pages/admin.pages';
import {
  AtRiskReport,
  CertificationReport,
  dashboardPage,
  ExamStat,
  ExpiringReport,
  reportQuery,
  TrendReport,
  UncertifiedReport,
} from './pages/manager.pages';
import {
  AvailableExam,
  NotebookEntry,
  notebookPage,
  Paper,
  practicePage,
  resultPage,
  ReviewQuestion,
  reviewPage,
  staffHome,
  StudyProgress,
  examPage,
  MyCampaign,
  MyCertificate,
} from './pages/staff.pages';
import {
  casesPage,
  libraryPage,
  MaterialGroup,
  materialPage,
  MaterialRow,
  readingPage,
  RegulationRow,
  SearchResult,
  searchPage,
} from './pages/study.pages';
import {
  Bank,
  banksPage,
  examDetailPage,
  examFormPage,
  ExamRow,
  examsPage,
  ItemStat,
  itemStatsPage,
  questionEditPage,
  QuestionRow,
  questionsPage,
  regulationAdminPage,
  RegulationOption,
  regulationsAdminPage,
  Roster,
  UnitOption,
} from './pages/trainer.pages';
import {
  CampaignCompletion,
  campaignCompletionPage,
  campaignFormPage,
  CampaignRow,
  campaignsPage,
  GroupStudyRow,
  groupStudiesPage,
} from './pages/campaign.pages';
import type { StaffEntry } from './pages/staff-picker';
import { Me, WebApi } from './web-api';

type Req = FastifyRequest & { cookies: Record<string, string | undefined> };
type Form = Record<string, string | string[] | undefined>;
interface Ctx {
  me: Me;
  csrf: string;
}

const TRAINER: Role[] = ['trainer', 'admin'];
const MANAGER: Role[] = ['manager', 'admin'];
const ADMIN: Role[] = ['admin'];
const CAMPAIGN_VIEWERS: Role[] = ['trainer', 'manager', 'admin'];

const one = (v: string | string[] | undefined): string =>
  (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const many = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);
const errorText = (body: unknown, fallback: string): string => {
  const b = body as { message?: unknown; details?: { message?: string; field?: string }[] } | null;
  const msg = typeof b?.message === 'string' ? b.message : fallback;
  const details = (b?.details ?? []).map((d) => d.message).filter(Boolean);
  return details.length ? `${msg}：${details.slice(0, 3).join('；')}` : msg;
};
/** `datetime-local` values are China Standard Time. */
const cstToIso = (v: string): string | undefined => (v ? new Date(`${v}:00+08:00`).toISOString() : undefined);

/** The pages. Each is public to the JWT guard and checks the session cookie itself, so it can redirect to /login. */
@ApiExcludeController()
@Public()
@Controller()
export class WebController {
  constructor(private readonly api: WebApi) {}

  // ---------- helpers ----------

  private csrfOf(req: Req, reply: FastifyReply): string {
    let token = req.cookies[CSRF_COOKIE];
    if (!token) {
      token = newCsrfToken();
      reply.setCookie(CSRF_COOKIE, token, {
        path: '/',
        sameSite: 'lax',
        httpOnly: false,
        secure: req.protocol === 'https',
      });
    }
    return token;
  }

  /** The signed-in caller with one of `roles`, or a redirect to /login (or a 403 page) and null. */
  private async ctx(req: Req, reply: FastifyReply, roles?: Role[]): Promise<Ctx | null> {
    const me = await this.api.me(req);
    const csrf = this.csrfOf(req, reply);
    if (!me) {
      const next = encodeURIComponent(req.url);
      reply.redirect(`/login?next=${next}`, 303);
      return null;
    }
    if (roles && !roles.some((r) => me.roles.includes(r))) {
      this.page(
        reply,
        { me, csrf },
        '无权访问',
        html`<h1>无权访问</h1>
          <p>您的账号没有访问此页面的权限。</p>`,
        {
          status: 403,
        },
      );
      return null;
    }
    return { me, csrf };
  }

  private page(
    reply: FastifyReply,
    c: Ctx | null,
    title: string,
    body: SafeHtml,
    o: { status?: number; active?: string; scripts?: string[]; query?: Record<string, string> } = {},
  ): void {
    const q = o.query ?? {};
    const flash = q.err
      ? { kind: 'error' as const, text: q.err }
      : q.ok
        ? { kind: 'ok' as const, text: q.ok }
        : null;
    reply
      .status(o.status ?? 200)
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'same-origin')
      .header(
        'Content-Security-Policy',
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
      )
      .send(layout({ title, me: c?.me, csrf: c?.csrf, body, flash, active: o.active, scripts: o.scripts }));
  }

  private back(reply: FastifyReply, path: string, r: { status: number; body: unknown }, ok: string): void {
    const sep = path.includes('?') ? '&' : '?';
    const param =
      r.status < 300
        ? `ok=${encodeURIComponent(ok)}`
        : `err=${encodeURIComponent(errorText(r.body, '操作失败'))}`;
    reply.redirect(`${path}${sep}${param}`, 303);
  }

  private notFound(reply: FastifyReply, c: Ctx, status: number, body: unknown): void {
    this.page(
      reply,
      c,
      '出错了',
      html`<h1>出错了</h1>
        <p>${errorText(body, '页面不存在')}</p>
        <p><a href="/app">返回首页</a></p>`,
      {
        status: status >= 400 ? status : 404,
      },
    );
  }

  // ---------- login ----------

  @Get()
  root(@Res() reply: FastifyReply) {
    reply.redirect('/app', 302);
  }

  @Get('login')
  async loginForm(
    @Req() req: Req,
    @Res() reply: FastifyReply,
    @Query('next') next?: string,
    @Query('err') err?: string,
  ) {
    if (await this.api.me(req)) return reply.redirect(safeNext(next), 303);
    this.renderLogin(req, reply, next, err, 200);
  }

  private renderLogin(
    req: Req,
    reply: FastifyReply,
    next: string | undefined,
    err: string | undefined,
    status: number,
  ) {
    const csrf = this.csrfOf(req, reply);
    const body = html`<div class="login">
      <h1>登录</h1>
      ${err ? html`<p class="flash error" role="alert" id="login-error">${err}</p>` : ''}
      <form method="post" action="/login" class="stacked">
        <input type="hidden" name="_csrf" value="${csrf}" />
        <input type="hidden" name="next" value="${next ?? ''}" />
        <div class="field">
          <label for="username">用户名（工号）</label>
          <input id="username" name="username" autocomplete="username" required autofocus />
        </div>
        <div class="field">
          <label for="password">密码</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <div class="actions"><button type="submit" class="primary">登录</button></div>
      </form>
    </div>`;
    this.page(reply, null, '登录', body, { status });
  }

  @Post('login')
  async login(@Req() req: Req, @Res() reply: FastifyReply, @Body() form: Form) {
    const next = one(form?.next);
    if (!sameToken(req.cookies[CSRF_COOKIE], one(form?._csrf)))
      return this.renderLogin(req, reply, next, '页面已过期，请重新登录', 403);
    const r = await this.api.login(req.ip, one(form?.username), String(one(form?.password)));
    if (r.status !== 200 || !r.body.accessToken)
      return this.renderLogin(req, reply, next, errorText(r.body, '登录失败'), r.status === 429 ? 429 : 401);
    const secure = req.protocol === 'https';
    reply
      .setCookie(ACCESS_COOKIE, r.body.accessToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: r.body.expiresIn,
      })
      // A fresh CSRF token per session.
      .setCookie(CSRF_COOKIE, newCsrfToken(), { path: '/', httpOnly: false, sameSite: 'lax', secure })
      .redirect(safeNext(next), 303);
  }

  @Post('logout')
  logout(@Res() reply: FastifyReply) {
    reply
      .clearCookie(ACCESS_COOKIE, { path: '/' })
      .clearCookie(CSRF_COOKIE, { path: '/' })
      .redirect('/login', 303);
  }

  @Get('logout')
  logoutGet(@Res() reply: FastifyReply) {
    // GET cannot be forged into a state change worth protecting: logging out is harmless.
    reply
      .clearCookie(ACCESS_COOKIE, { path: '/' })
      .clearCookie(CSRF_COOKIE, { path: '/' })
      .redirect('/login', 303);
  }

  // ---------- home ----------

  @Get('app')
  async home(@Req() req: Req, @Res() reply: FastifyReply, @Query() query: Record<string, string>) {
    const c = await this.ctx(req, reply);
    if (!c) return;
    const parts: SafeHtml[] = [];
    if (c.me.roles.includes('staff')) {
      const [exams, progress, notebook, certs, campaigns] = await Promise.all([
        this.api.get<AvailableExam[]>(req, '/api/exams/available'),
        this.api.get<StudyProgress>(req, '/api/study/progress'),
        this.api.get<NotebookEntry[]>(req, '/api/practice/notebook'),
        this.api.get<MyCertificate[]>(req, '/api/certificates/mine'),
        this.api.get<MyCampaign[]>(req, '/api/campaigns'),
      ]);
      parts.push(
        staffHome(
          exams.status === 200 ? exams.body : [],
          c.csrf,
          progress.status === 200 ? progress.body : null,
          notebook.status === 200 ? notebook.body.length : 0,
          certs.status === 200 && Array.isArray(certs.body) ? certs.body : null,
          campaigns.status === 200 && Array.isArray(campaigns.body) ? campaigns.body : null,
        ),
      );
    }
    if (c.me.roles.some((r) => TRAINER.includes(r))) {
      const [banks, review, exams] = await Promise.all([
        this.api.get<Bank[]>(req, '/api/question-banks'),
        this.api.get<{ total: number }>(req, '/api/questions?needsReview=true&pageSize=1'),
        this.api.get<ExamRow[]>(req, '/api/exams'),
      ]);
      parts.push(
        html`<h1>培训管理</h1>
          <ul class="cards">
            <li class="card">
              <h2><a href="/app/banks">题库</a></h2>
              <p>${banks.status === 200 ? banks.body.length : 0} 个题库</p>
            </li>
            <li class="card">
              <h2><a href="/app/review-queue">待复核题目</a></h2>
              <p>${review.status === 200 ? review.body.total : 0} 题</p>
            </li>
            <li class="card">
              <h2><a href="/app/exams">考试</a></h2>
              <p>${exams.status === 200 ? exams.body.length : 0} 场</p>
            </li>
          </ul>`,
      );
    }
    if (c.me.roles.includes('manager'))
      parts.push(
        html`<h1>管理</h1>
          <ul class="cards">
            <li class="card">
              <h2><a href="/app/dashboard">持证率看板</a></h2>
              <p>各单位、各级服务站行政执法资格持证情况</p>
            </li>
            <li class="card">
              <h2><a href="/app/exams">考试情况</a></h2>
              <p>参考率、合格率与考生名单</p>
            </li>
            <li class="card">
              <h2><a href="/app/admin/roster">花名册导入</a></h2>
            </li>
          </ul>`,
      );
    if (c.me.roles.includes('admin'))
      parts.push(
        html`<h1>系统管理</h1>
          <ul class="cards">
            <li class="card">
              <h2><a href="/app/admin/users">账号</a></h2>
            </li>
            <li class="card">
              <h2><a href="/app/admin/units">单位</a></h2>
            </li>
            <li class="card">
              <h2><a href="/app/admin/roster">花名册导入</a></h2>
            </li>
          </ul>`,
      );
    this.page(reply, c, '首页', html`${parts}`, { active: '/app', query });
  }

  // ---------- staff: exams ----------

  @Post('app/exams/:id/start')
  async start(@Req() req: Req, @Res() reply: FastifyReply, @Param('id', ParseIntPipe) id: number) {
    const c = await this.ctx(req, reply);
    if (!c) return;
    const r = await this.api.call<{ id: number }>(req, 'POST', `/api/exams/${id}/attempts`);
    if (r.status >= 300) return this.back(reply, '/app', r, '');
    reply.redirect(`/app/attempts/${r.body.id}`, 303);
  }

  @Get('app/attempts/:id')
  async attempt(@Req() req: Req, @Res() reply: FastifyReply, @Param('id', ParseIntPipe) id: number) {
    const c = await this.ctx(req, reply);
    if (!c) return;
    const r = await this.api.get<Paper>(req, `/api/attempts/${id}`);
    if (r.status !== 200) return this.notFound(reply, c, r.status, r.body);
    if (r.body.status !== 'in-progress') return reply.redirect(`/app/attempts/${id}/result`, 303);
    this.page(reply, c, r.body.title, examPage(r.body, c.csrf), { scripts: ['exam.js'] });
  }

  @Get('app/attempts/:id/result')
  async result(@Req() req: Req, @Res() reply: FastifyReply, @Param('id', ParseIntPipe) id: number) {
    const c = await this.ctx(req, reply);
    if (!c) return;
    const r = await this.api.get<Paper>(req, `/api/attempts/${id}`);
    if (r.status !== 200) return this.notFound(reply, c, r.status, r.body);
    if (r.body.status === 'in-progress') return reply.redirect(`/app/attempts/${id}`, 303);
    if (!r.body.result)
      return this.page(
        reply,
        c,
        '成绩',
        html`<h1>${r.body.title}</h1>
          <p>本次作答已作废，没有成绩。</p>`,
      );
    const review = await this.api.get(req, `/api/attempts/${id}/review`);
    this.page(
      reply,
      c,
      `${r.body.title} 成绩`,
      resultPage(r.body.title, r.body.result, review.status === 200),
    );
  }

  @Get('app/attempts/:id/review')
  async review(@Req() req: Req, @Res() reply: FastifyReply, @Param('id', ParseIntPipe) id: number) {
    const c = await this.ctx(req, reply);
    if (!c) return;
    const [paper, r] = await Promise.all([
      this.api.get<Paper>(req, `/api/attempts/${id}`),
      this.api.get<{ questions: ReviewQuestion[] }>(req, `/api/attempts/${id}/review`),
    ]);
    if (r.status !== 200) return this.notFound(reply, c, r.status, r.body);
    this.page(reply, c, '答案解析', reviewPage(paper.body?.title ?? '考试', r.body.questions));
  }

  @Get('app/practice')
  async practice(@Req() req: Req, @Res() reply: FastifyReply, @Query('notebook') notebook?: string) {
    const c = await this.ctx(req, reply);
    if (!c) return;
    this.page(reply, c, '练习', practicePage(notebook === '1'), {
      active: '/app/practice',
      scripts: ['practice.js'],
    });
  }

  @Get('app/notebook')
  async notebook(@Req() req: Req, @Res() reply: FastifyReply) {
    const c = await this.ctx(req, reply);
    if (!c) return;
    const r = await this.api.get<NotebookEntry[]>(req, '/api/practice/notebook');
    this.page(reply, c, '错题本', notebookPage(r.status === 200 ? r.body : []), { active: '/app/notebook' });
  }

  // ---------- staff: study ----------

  @Get('app/study')
  async study(@Req() req: Req, @Res() reply: FastifyReply) {
    const c = await this.ctx(req, reply);
    if (!c) return;
    const r = await this.api.get<MaterialGroup[]>(req, '/api/materials');
    if (r.status !== 200) return this.notFound(reply, c, r.status, r.body);
    this.page(reply, c, '学法', libraryPage(r.body), { active: '/app/study' });
  }

  @Get('app/study/cases')
  async cases(@Req() req: Req, @Res() reply: FastifyReply) {
    const c = await this.ctx(req, reply);
    if (!c) return;
    const r = await this.api.get<MaterialGroup[]>(req, '/api/materials');
    if (r.status !== 200) return this.notFound(reply, c, r.status, r.body);
    this.page(reply, c, '案例与资料', casesPage(r.body), { active: '/app/study' });
  }

  @Get('app/study/search')
  async search(
    @Req() req: Req,
    @Res() reply: FastifyReply,
    @Query('q') q = '',
    @Query('offset') offsetParam?: string,
  ) {
    const c = await this.ctx(req, reply);
    if (!c) return;
    const query = String(q).trim().slice(0, 100);
    if (!query) return reply.redirect('/app/study', 303);
    const limit = 20;
    const offset = offsetParam && /^\d{1,5}$/.test(offsetParam) ? Number(offsetParam) : 0;
    const r = await this.api.get<SearchResult>(
      req,
      `/api/materials/search?${new URLSearchParams({ q: query, limit: String(limit), offset: String(offset) }).toString()}`,
    );
    const result = r.status === 200 && r.body && Array.isArray(r.body.hits) ? r.body : null;
    this.page(reply, c, `搜索：${query}`, searchPage(query, result, offset, limit), { active: '/app/study' });
  }

  @Get('app/study/materials/:id')
  async material(@Req() req: Req, @Res() reply: FastifyReply, @Param('id', ParseIntPipe) id: number) {
    const c = await this.ctx(req, reply);
    if (!c) return;
    const r = await this.api.get<MaterialRow>(req, `/api/materials/${id}`);
    if (r.status !== 200) return this.notFound(reply, c, r.status, r.body);
    this.page(reply, c, r.body.title, materialPage(r.body), { active: '/app/study', scripts: ['study.js'] });
  }

  @Get('app/study/:code')
  async read(@Req() req: Req, @Res() reply: FastifyReply, @Param('code') code: string) {
    const c = await this.ctx(req, reply);
    if (!c) return;
    const r = await this.api.get<RegulationRow>(req, `/api/regulations/${encodeURIComponent(code)}`);
    if (r.status !== 200) return this.notFound(reply, c, r.status, r.body);
    this.page(reply, c, r.body.title, readingPage(r.body), { active: '/app/study', scripts: ['study.js'] });
  }

  // ---------- trainer ----------

  @Get('app/banks')
  async banks(@Req() req: Req, @Res() reply: FastifyReply) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const r = await this.api.get<Bank[]>(req, '/api/question-banks');
    this.page(reply, c, '题库', banksPage(r.status === 200 ? r.body : []), {
      active: '/app/banks',
      scripts: ['upload.js'],
    });
  }

  @Get('app/questions')
  async questions(@Req() req: Req, @Res() reply: FastifyReply, @Query() query: Record<string, string>) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const q: Record<string, string> = {};
    for (const k of ['bankId', 'status', 'q', 'page']) if (query[k]) q[k] = String(query[k]);
    const [list, banks] = await Promise.all([
      this.api.get<{ total: number; page: number; pageSize: number; items: QuestionRow[] }>(
        req,
        `/api/questions?${new URLSearchParams({ ...q, pageSize: '30' }).toString()}`,
      ),
      this.api.get<Bank[]>(req, '/api/question-banks'),
    ]);
    if (list.status !== 200) return this.notFound(reply, c, list.status, list.body);
    this.page(reply, c, '题目', questionsPage('题目', list.body, q, banks.body ?? [], true), {
      active: '/app/questions',
      query,
    });
  }

  @Get('app/review-queue')
  async reviewQueue(@Req() req: Req, @Res() reply: FastifyReply, @Query() query: Record<string, string>) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const page = query.page ? String(query.page) : '1';
    const list = await this.api.get<{ total: number; page: number; pageSize: number; items: QuestionRow[] }>(
      req,
      `/api/questions?needsReview=true&pageSize=30&page=${encodeURIComponent(page)}`,
    );
    if (list.status !== 200) return this.notFound(reply, c, list.status, list.body);
    this.page(reply, c, '待复核', questionsPage('待复核题目', list.body, {}, [], false), {
      active: '/app/review-queue',
      query,
    });
  }

  @Get('app/questions/:id')
  async question(
    @Req() req: Req,
    @Res() reply: FastifyReply,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: Record<string, string>,
  ) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const r = await this.api.get<QuestionRow>(req, `/api/questions/${id}`);
    if (r.status !== 200) return this.notFound(reply, c, r.status, r.body);
    this.page(reply, c, `题目 ${id}`, questionEditPage(r.body, c.csrf), { active: '/app/questions', query });
  }

  @Post('app/questions/:id')
  async editQuestion(
    @Req() req: Req,
    @Res() reply: FastifyReply,
    @Param('id', ParseIntPipe) id: number,
    @Body() form: Form,
  ) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const cur = await this.api.get<QuestionRow>(req, `/api/questions/${id}`);
    if (cur.status !== 200) return this.notFound(reply, c, cur.status, cur.body);
    const dto: Record<string, unknown> = { stem: one(form.stem), explanation: one(form.explanation) };
    if (cur.body.options.length)
      dto.options = cur.body.options.map((o) => ({
        key: o.key,
        text: one(form[`option_${o.key}`]) || o.text,
      }));
    const answer = one(form.answer);
    if (answer) dto.answer = parseAnswer(cur.body.type, answer);
    if (one(form.difficulty)) dto.difficulty = Number(one(form.difficulty));
    const r = await this.api.call(req, 'PATCH', `/api/questions/${id}`, dto);
    this.back(reply, `/app/questions/${id}`, r, '已保存为新版本');
  }

  @Post('app/questions/:id/:action')
  async questionAction(
    @Req() req: Req,
    @Res() reply: FastifyReply,
    @Param('id', ParseIntPipe) id: number,
    @Param('action') action: string,
    @Body() form: Form,
  ) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    if (!['approve', 'retire', 'flag'].includes(action)) return this.notFound(reply, c, 404, null);
    const body =
      action === 'flag'
        ? {
            needsReview: one(form.needsReview) === 'true',
            ...(one(form.reason) ? { reason: one(form.reason) } : {}),
          }
        : undefined;
    const r = await this.api.call(req, 'POST', `/api/questions/${id}/${action}`, body);
    const label = { approve: '已审核通过', retire: '已停用', flag: '复核标记已更新' }[action] ?? '已完成';
    this.back(reply, `/app/questions/${id}`, r, label);
  }

  @Get('app/exams')
  async exams(@Req() req: Req, @Res() reply: FastifyReply, @Query() query: Record<string, string>) {
    const c = await this.ctx(req, reply, [...TRAINER, 'manager']);
    if (!c) return;
    const r = await this.api.get<ExamRow[]>(req, '/api/exams');
    const canCreate = c.me.roles.some((x) => TRAINER.includes(x));
    this.page(reply, c, '考试管理', examsPage(r.status === 200 ? r.body : [], canCreate), {
      active: '/app/exams',
      query,
    });
  }

  /** What the exam form needs: banks, regulations (with ids) and the unit tree. */
  private async examFormData(req: Req) {
    const [banks, regs, units, people] = await Promise.all([
      this.api.get<Bank[]>(req, '/api/question-banks'),
      this.api.get<RegulationOption[]>(req, '/api/regulations'),
      this.api.get<UnitOption[]>(req, '/api/units'),
      this.api.get<StaffEntry[]>(req, '/api/users/directory'),
    ]);
    const list = <T>(r: { status: number; body: T[] }) =>
      r.status === 200 && Array.isArray(r.body) ? r.body : [];
    return { banks: list(banks), regulations: list(regs), units: list(units), people: list(people) };
  }

  @Get('app/exams/new')
  async examNew(@Req() req: Req, @Res() reply: FastifyReply, @Query() query: Record<string, string>) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const data = await this.examFormData(req);
    const partCount = Math.min(10, Math.max(2, Number(query.parts) || 2));
    this.page(reply, c, '新建考试', examFormPage({ exam: null, csrf: c.csrf, partCount, ...data }), {
      active: '/app/exams',
      query,
    });
  }

  @Post('app/exams')
  async examCreate(@Req() req: Req, @Res() reply: FastifyReply, @Body() form: Form) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const r = await this.api.call<{ id: number }>(req, 'POST', '/api/exams', examDtoFromForm(form));
    if (r.status >= 300) return this.back(reply, '/app/exams/new', r, '');
    this.back(reply, `/app/exams/${r.body.id}`, r, '考试已保存为草稿，检查无误后请发布');
  }

  @Get('app/exams/:id/edit')
  async examEdit(
    @Req() req: Req,
    @Res() reply: FastifyReply,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: Record<string, string>,
  ) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const [e, data] = await Promise.all([
      this.api.get<ExamRow>(req, `/api/exams/${id}`),
      this.examFormData(req),
    ]);
    if (e.status !== 200) return this.notFound(reply, c, e.status, e.body);
    if (e.body.status !== 'draft')
      return reply.redirect(`/app/exams/${id}?err=${encodeURIComponent('只能编辑草稿状态的考试')}`, 303);
    const partCount = Math.min(10, Math.max(2, Number(query.parts) || 2));
    this.page(
      reply,
      c,
      `编辑：${e.body.title}`,
      examFormPage({ exam: e.body, csrf: c.csrf, partCount, ...data }),
      {
        active: '/app/exams',
        query,
      },
    );
  }

  @Post('app/exams/:id/edit')
  async examUpdate(
    @Req() req: Req,
    @Res() reply: FastifyReply,
    @Param('id', ParseIntPipe) id: number,
    @Body() form: Form,
  ) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const r = await this.api.call(req, 'PATCH', `/api/exams/${id}`, examDtoFromForm(form));
    if (r.status >= 300) return this.back(reply, `/app/exams/${id}/edit`, r, '');
    this.back(reply, `/app/exams/${id}`, r, '草稿已保存');
  }

  @Get('app/exams/:id')
  async exam(
    @Req() req: Req,
    @Res() reply: FastifyReply,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: Record<string, string>,
  ) {
    const c = await this.ctx(req, reply, [...TRAINER, 'manager']);
    if (!c) return;
    const [e, roster] = await Promise.all([
      this.api.get<ExamRow>(req, `/api/exams/${id}`),
      this.api.get<Roster>(req, `/api/exams/${id}/roster`),
    ]);
    if (e.status !== 200) return this.notFound(reply, c, e.status, e.body);
    const canEdit = c.me.roles.some((x) => TRAINER.includes(x));
    this.page(
      reply,
      c,
      e.body.title,
      examDetailPage(e.body, roster.status === 200 ? roster.body : null, c.csrf, canEdit, true),
      { active: '/app/exams', query },
    );
  }

  @Post('app/attempts/:id/:action')
  async attemptAction(
    @Req() req: Req,
    @Res() reply: FastifyReply,
    @Param('id', ParseIntPipe) id: number,
    @Param('action') action: string,
    @Body() form: Form,
  ) {
    const c = await this.ctx(req, reply, [...TRAINER, 'manager']);
    if (!c) return;
    if (!['extend', 'invalidate', 'reopen'].includes(action)) return this.notFound(reply, c, 404, null);
    const examId = one(form.examId);
    const body =
      action === 'invalidate'
        ? { reason: one(form.reason) }
        : { minutes: Number(one(form.minutes)), reason: one(form.reason) };
    const r = await this.api.call(req, 'POST', `/api/attempts/${id}/${action}`, body);
    const label =
      { extend: '已延长作答时间', invalidate: '答卷已作废', reopen: '答卷已重新开放' }[action] ?? '';
    this.back(reply, /^\d+$/.test(examId) ? `/app/exams/${examId}` : '/app/exams', r, label);
  }

  @Get('app/banks/:id/stats')
  async bankStats(@Req() req: Req, @Res() reply: FastifyReply, @Param('id', ParseIntPipe) id: number) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const [banks, stats] = await Promise.all([
      this.api.get<Bank[]>(req, '/api/question-banks'),
      this.api.get<ItemStat[]>(req, `/api/item-stats?bankId=${id}`),
    ]);
    const bank = (banks.status === 200 ? banks.body : []).find((b) => b.id === id);
    if (!bank) return this.notFound(reply, c, 404, { message: '题库不存在' });
    if (stats.status !== 200) return this.notFound(reply, c, stats.status, stats.body);
    this.page(reply, c, `题目统计：${bank.title}`, itemStatsPage(bank, stats.body), { active: '/app/banks' });
  }

  @Get('app/regulations')
  async regulations(@Req() req: Req, @Res() reply: FastifyReply, @Query() query: Record<string, string>) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const r = await this.api.get<RegulationOption[]>(req, '/api/regulations');
    if (r.status !== 200) return this.notFound(reply, c, r.status, r.body);
    this.page(reply, c, '法规版本', regulationsAdminPage(r.body), { active: '/app/regulations', query });
  }

  @Get('app/regulations/:code')
  async regulationAdmin(
    @Req() req: Req,
    @Res() reply: FastifyReply,
    @Param('code') code: string,
    @Query() query: Record<string, string>,
  ) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const r = await this.api.get<Parameters<typeof regulationAdminPage>[0]>(
      req,
      `/api/regulations/${encodeURIComponent(code)}`,
    );
    if (r.status !== 200) return this.notFound(reply, c, r.status, r.body);
    this.page(reply, c, r.body.title, regulationAdminPage(r.body, c.csrf), {
      active: '/app/regulations',
      scripts: ['upload.js'],
      query,
    });
  }

  @Post('app/regulations/:code/repeal')
  async repeal(@Req() req: Req, @Res() reply: FastifyReply, @Param('code') code: string, @Body() form: Form) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const dto: Record<string, string> = { repealedOn: one(form.repealedOn) };
    if (one(form.replacedBy)) dto.replacedBy = one(form.replacedBy);
    if (one(form.note)) dto.note = one(form.note);
    const r = await this.api.call<{ flagged?: number }>(
      req,
      'POST',
      `/api/regulations/${encodeURIComponent(code)}/repeal`,
      dto,
    );
    this.back(
      reply,
      `/app/regulations/${encodeURIComponent(code)}`,
      r,
      `已登记废止，${r.body?.flagged ?? 0} 道题已标记待复核`,
    );
  }

  @Post('app/exams/:id/publish')
  async publish(@Req() req: Req, @Res() reply: FastifyReply, @Param('id', ParseIntPipe) id: number) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const r = await this.api.call(req, 'POST', `/api/exams/${id}/publish`);
    this.back(reply, `/app/exams/${id}`, r, '考试已发布');
  }

  // ---------- study campaigns and group study ----------

  private async directory(req: Req): Promise<StaffEntry[]> {
    const r = await this.api.get<StaffEntry[]>(req, '/api/users/directory');
    return r.status === 200 && Array.isArray(r.body) ? r.body : [];
  }

  private async materialGroups(req: Req): Promise<MaterialGroup[]> {
    const r = await this.api.get<MaterialGroup[]>(req, '/api/materials');
    return r.status === 200 && Array.isArray(r.body) ? r.body : [];
  }

  @Get('app/campaigns')
  async campaigns(@Req() req: Req, @Res() reply: FastifyReply, @Query() query: Record<string, string>) {
    const c = await this.ctx(req, reply);
    if (!c) return;
    const [list, units] = await Promise.all([
      this.api.get<CampaignRow[]>(req, '/api/campaigns'),
      this.api.get<UnitOption[]>(req, '/api/units'),
    ]);
    this.page(
      reply,
      c,
      '学习活动',
      campaignsPage({
        campaigns: list.status === 200 && Array.isArray(list.body) ? list.body : [],
        canCreate: c.me.roles.some((r) => TRAINER.includes(r)),
        canSeeCompletion: c.me.roles.some((r) => CAMPAIGN_VIEWERS.includes(r)),
        units: units.status === 200 && Array.isArray(units.body) ? units.body : [],
      }),
      { active: '/app/campaigns', query },
    );
  }

  @Get('app/campaigns/new')
  async campaignNew(@Req() req: Req, @Res() reply: FastifyReply, @Query() query: Record<string, string>) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const [units, materials, people] = await Promise.all([
      this.api.get<UnitOption[]>(req, '/api/units'),
      this.materialGroups(req),
      this.directory(req),
    ]);
    this.page(
      reply,
      c,
      '新建学习活动',
      campaignFormPage({
        csrf: c.csrf,
        units: units.status === 200 && Array.isArray(units.body) ? units.body : [],
        materials,
        people,
      }),
      { active: '/app/campaigns', query },
    );
  }

  @Post('app/campaigns')
  async campaignCreate(@Req() req: Req, @Res() reply: FastifyReply, @Body() form: Form) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const r = await this.api.call<{ id: number }>(req, 'POST', '/api/campaigns', campaignDtoFromForm(form));
    if (r.status >= 300) return this.back(reply, '/app/campaigns/new', r, '');
    this.back(reply, `/app/campaigns/${r.body.id}`, r, '学习活动已创建');
  }

  @Get('app/campaigns/:id')
  async campaign(
    @Req() req: Req,
    @Res() reply: FastifyReply,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: Record<string, string>,
  ) {
    const c = await this.ctx(req, reply, CAMPAIGN_VIEWERS);
    if (!c) return;
    const r = await this.api.get<CampaignCompletion>(req, `/api/campaigns/${id}/completion`);
    if (r.status !== 200) return this.notFound(reply, c, r.status, r.body);
    this.page(reply, c, r.body.campaign.title, campaignCompletionPage(r.body), {
      active: '/app/campaigns',
      query,
    });
  }

  @Get('app/group-studies')
  async groupStudies(@Req() req: Req, @Res() reply: FastifyReply, @Query() query: Record<string, string>) {
    const c = await this.ctx(req, reply, CAMPAIGN_VIEWERS);
    if (!c) return;
    const canCreate = c.me.roles.some((r) => TRAINER.includes(r));
    const [sessions, campaigns, people, materials] = await Promise.all([
      this.api.get<GroupStudyRow[]>(req, '/api/group-studies'),
      this.api.get<CampaignRow[]>(req, '/api/campaigns'),
      canCreate ? this.directory(req) : Promise.resolve([]),
      canCreate ? this.materialGroups(req) : Promise.resolve([]),
    ]);
    this.page(
      reply,
      c,
      '集体学法',
      groupStudiesPage({
        sessions: sessions.status === 200 && Array.isArray(sessions.body) ? sessions.body : [],
        campaigns: campaigns.status === 200 && Array.isArray(campaigns.body) ? campaigns.body : [],
        canCreate,
        csrf: c.csrf,
        people,
        materials,
        // The API refuses dates after today in UTC (StudyService.recordGroupStudy), so the form uses the same day.
        today: localDay(),
      }),
      { active: '/app/group-studies', query },
    );
  }

  @Post('app/group-studies')
  async groupStudyCreate(@Req() req: Req, @Res() reply: FastifyReply, @Body() form: Form) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const r = await this.api.call(req, 'POST', '/api/group-studies', groupStudyDtoFromForm(form));
    this.back(reply, '/app/group-studies', r, '集体学法已登记，参学人员学时已计入');
  }

  // ---------- manager ----------

  @Get('app/dashboard')
  async dashboard(
    @Req() req: Req,
    @Res() reply: FastifyReply,
    @Query('unit') unit?: string,
    @Query('asOf') asOfParam?: string,
  ) {
    const c = await this.ctx(req, reply, MANAGER);
    if (!c) return;
    const unitId = unit && /^\d{1,9}$/.test(unit) ? Number(unit) : null;
    const asOf = asOfParam && /^\d{4}-\d{2}-\d{2}$/.test(asOfParam) ? asOfParam : null;
    const year = Number((asOf ?? localDay()).slice(0, 4));
    const base = { asOf, unitId };
    const ok = <T>(r: { status: number; body: T }): T | null => (r.status === 200 ? r.body : null);
    const [report, trend, uncertified, expiring, atRisk, summary, exams, units] = await Promise.all([
      this.api.get<CertificationReport>(req, `/api/reports/certification${reportQuery(base)}`),
      this.api.get<TrendReport>(req, `/api/reports/certification/trend${reportQuery({ year, unitId })}`),
      this.api.get<UncertifiedReport>(req, `/api/reports/certification/uncertified${reportQuery(base)}`),
      this.api.get<ExpiringReport>(
        req,
        `/api/reports/certification/expiring${reportQuery({ ...base, days: 90 })}`,
      ),
      this.api.get<AtRiskReport>(req, `/api/reports/study-hours/at-risk${reportQuery({ year, unitId })}`),
      this.api.get(req, `/api/reports/annual/summary${reportQuery({ year, unitId, asOf })}`),
      this.api.get<ExamRow[]>(req, '/api/exams'),
      this.api.get<UnitNode[]>(req, '/api/units'),
    ]);
    // A unit outside the manager's scope (403) or unknown (404): the API's message, not an empty page.
    if (unitId !== null && report.status !== 200) return this.notFound(reply, c, report.status, report.body);
    const published = (ok(exams) ?? []).filter((x) => x.status !== 'draft');
    const stats = (
      await Promise.all(
        published.map((e) =>
          this.api.get<ExamStat>(req, `/api/reports/exams/${e.id}${reportQuery({ unitId })}`),
        ),
      )
    )
      .map(ok)
      .filter((x): x is ExamStat => x !== null);
    const trail = unitId !== null ? (unitTrail(ok(units) ?? [], unitId) ?? []) : [];
    const text = summary.status === 200 ? summary.raw.toString('utf8') : null;
    this.page(
      reply,
      c,
      '持证率',
      dashboardPage({
        asOf,
        unitId,
        trail,
        year,
        report: ok(report),
        trend: ok(trend),
        uncertified: ok(uncertified),
        expiring: ok(expiring),
        atRisk: ok(atRisk),
        exams: stats,
        summary: text,
      }),
      { active: '/app/dashboard' },
    );
  }

  // ---------- admin ----------

  @Get('app/admin/users')
  async users(@Req() req: Req, @Res() reply: FastifyReply, @Query() query: Record<string, string>) {
    const c = await this.ctx(req, reply, ADMIN);
    if (!c) return;
    const q = query.q ? String(query.q) : '';
    const params = new URLSearchParams({ pageSize: '30', page: query.page ? String(query.page) : '1' });
    if (q) params.set('q', q);
    const [list, units] = await Promise.all([
      this.api.get<{ total: number; page: number; pageSize: number; items: UserRow[] }>(
        req,
        `/api/users?${params.toString()}`,
      ),
      this.api.get<UnitNode[]>(req, '/api/units'),
    ]);
    if (list.status !== 200) return this.notFound(reply, c, list.status, list.body);
    this.page(reply, c, '账号', usersPage(list.body, q, units.body ?? [], c.csrf), {
      active: '/app/admin/users',
      query,
    });
  }

  @Post('app/admin/users')
  async userCreate(@Req() req: Req, @Res() reply: FastifyReply, @Body() form: Form) {
    const c = await this.ctx(req, reply, ADMIN);
    if (!c) return;
    const dto: Record<string, unknown> = {
      username: one(form.username),
      name: one(form.name),
      roles: many(form.roles),
      enforcementPost: one(form.enforcementPost) === '1',
    };
    if (one(form.unitId)) dto.unitId = Number(one(form.unitId));
    if (one(form.postTitle)) dto.postTitle = one(form.postTitle);
    const r = await this.api.call<{ initialPassword?: string; password?: string }>(
      req,
      'POST',
      '/api/users',
      dto,
    );
    const pw = r.body?.initialPassword ?? r.body?.password;
    this.back(
      reply,
      '/app/admin/users',
      r,
      pw ? `账号已创建，初始密码：${pw}（只显示这一次）` : '账号已创建',
    );
  }

  @Post('app/admin/users/:id/:action')
  async userAction(
    @Req() req: Req,
    @Res() reply: FastifyReply,
    @Param('id', ParseIntPipe) id: number,
    @Param('action') action: string,
  ) {
    const c = await this.ctx(req, reply, ADMIN);
    if (!c) return;
    if (action === 'reset-password') {
      const r = await this.api.call<{ password?: string; initialPassword?: string }>(
        req,
        'POST',
        `/api/users/${id}/reset-password`,
      );
      const pw = r.body?.password ?? r.body?.initialPassword;
      return this.back(
        reply,
        '/app/admin/users',
        r,
        pw ? `密码已重置为：${pw}（只显示这一次）` : '密码已重置',
      );
    }
    if (action !== 'disable' && action !== 'enable') return this.notFound(reply, c, 404, null);
    const r = await this.api.call(req, 'PATCH', `/api/users/${id}`, { disabled: action === 'disable' });
    this.back(reply, '/app/admin/users', r, action === 'disable' ? '账号已停用' : '账号已启用');
  }

  @Get('app/admin/units')
  async units(@Req() req: Req, @Res() reply: FastifyReply, @Query() query: Record<string, string>) {
    const c = await this.ctx(req, reply, ADMIN);
    if (!c) return;
    const r = await this.api.get<UnitNode[]>(req, '/api/units');
    this.page(reply, c, '单位', unitsPage(r.body ?? [], c.csrf), { active: '/app/admin/units', query });
  }

  @Post('app/admin/units')
  async unitCreate(@Req() req: Req, @Res() reply: FastifyReply, @Body() form: Form) {
    const c = await this.ctx(req, reply, ADMIN);
    if (!c) return;
    const dto: Record<string, unknown> = {
      name: one(form.name),
      kind: one(form.kind),
      parentId: Number(one(form.parentId)),
    };
    if (one(form.level)) dto.level = one(form.level);
    const r = await this.api.call(req, 'POST', '/api/units', dto);
    this.back(reply, '/app/admin/units', r, '单位已新增');
  }

  @Get('app/admin/roster')
  async roster(@Req() req: Req, @Res() reply: FastifyReply) {
    const c = await this.ctx(req, reply, ['admin', 'manager']);
    if (!c) return;
    this.page(reply, c, '花名册导入', rosterImportPage(), {
      active: '/app/admin/roster',
      scripts: ['upload.js'],
    });
  }
}

/** The units from the top of the tree down to `id` (inclusive), or null when `id` is not in the tree. */
export function unitTrail(tree: UnitNode[], id: number): { id: number; name: string }[] | null {
  for (const u of tree) {
    if (u.id === id) return [{ id: u.id, name: u.name }];
    const below = unitTrail(u.children ?? [], id);
    if (below) return [{ id: u.id, name: u.name }, ...below];
  }
  return null;
}

/** Only same-site paths under /app; anything else (an absolute URL, //host) goes home. */
export function safeNext(next: string | undefined): string {
  return next && /^\/app(\/[^\s\\]*)?$/.test(next) && !next.startsWith('//') ? next : '/app';
}

function parseAnswer(type: string, text: string): unknown {
  if (type === 'true-false') return ['对', '正确', 'true', '√', 'T'].includes(text);
  if (type === 'multiple')
    return text
      .toUpperCase()
      .replace(/[^A-H]/g, '')
      .split('');
  if (type === 'fill-blank')
    return text.split(/[；;]/).map((b) =>
      b
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  return text.toUpperCase().trim();
}

const RULE_TYPES = ['single', 'multiple', 'true-false', 'fill-blank'];

const ids = (v: string | string[] | undefined): number[] =>
  many(v)
    .flatMap((x) => x.split(/[\s,，、]+/))
    .filter((x) => /^\d+$/.test(x))
    .map(Number);

export function examDtoFromForm(form: Form): Record<string, unknown> {
  const parts: Record<string, unknown>[] = [];
  for (let n = 1; n <= 10; n++) {
    const title = one(form[`p${n}_title`]);
    if (!title) continue;
    const rules = RULE_TYPES.map((t) => ({
      type: t,
      count: Number(one(form[`p${n}_${t}_count`]) || 0),
      points: Number(one(form[`p${n}_${t}_points`]) || 0),
    })).filter((r) => r.count > 0);
    const kind = one(form[`p${n}_source`]) || 'common';
    const source: Record<string, unknown> = { kind };
    if (kind === 'banks') source.bankIds = ids(form[`p${n}_banks`]);
    if (kind === 'regulations') source.regulationIds = ids(form[`p${n}_regulations`]);
    const part: Record<string, unknown> = { key: `p${n}`, title, source, rules };
    if (one(form[`p${n}_pass`])) part.passMark = Number(one(form[`p${n}_pass`]));
    parts.push(part);
  }
  const audience: Record<string, unknown> = { enforcementOnly: one(form.enforcementOnly) === '1' };
  const unitIds = ids(form.unitIds);
  const lines = many(form.lines).filter(Boolean);
  const userIds = ids(form.userIds);
  audience.unitIds = unitIds;
  audience.lines = lines;
  audience.userIds = userIds;
  const dto: Record<string, unknown> = {
    title: one(form.title),
    kind: one(form.kind) || 'law-study',
    blueprint: { passMark: Number(one(form.passMark) || 0), parts },
    reviewPolicy: one(form.reviewPolicy) || 'after-submit',
    audience,
  };
  if (one(form.timeLimitMinutes)) dto.timeLimitMinutes = Number(one(form.timeLimitMinutes));
  if (one(form.attemptsAllowed)) dto.attemptsAllowed = Number(one(form.attemptsAllowed));
  const opens = cstToIso(one(form.opensAt));
  const closes = cstToIso(one(form.closesAt));
  if (opens) dto.opensAt = opens;
  if (closes) dto.closesAt = closes;
  return dto;
}

/** Selected study materials: regulation codes and material ids; omitted when none are chosen. */
function materialsFromForm(form: Form): Record<string, unknown> | undefined {
  const regulations = many(form.regulations)
    .map((x) => x.trim())
    .filter(Boolean);
  const materialIds = ids(form.materialIds);
  return regulations.length || materialIds.length ? { regulations, materialIds } : undefined;
}

export function campaignDtoFromForm(form: Form): Record<string, unknown> {
  const dto: Record<string, unknown> = {
    title: one(form.title),
    kind: one(form.kind) || 'law-month',
    startsOn: one(form.startsOn),
    endsOn: one(form.endsOn),
    requiredHours: Number(one(form.requiredHours) || 0),
    audience: {
      unitIds: ids(form.unitIds),
      lines: many(form.lines).filter(Boolean),
      enforcementOnly: one(form.enforcementOnly) === '1',
      userIds: ids(form.userIds),
    },
  };
  if (one(form.description)) dto.description = one(form.description);
  const materials = materialsFromForm(form);
  if (materials) dto.materials = materials;
  return dto;
}

export function groupStudyDtoFromForm(form: Form): Record<string, unknown> {
  const dto: Record<string, unknown> = {
    heldOn: one(form.heldOn),
    topic: one(form.topic),
    minutes: Number(one(form.minutes) || 0),
    attendeeIds: ids(form.attendeeIds),
  };
  if (/^\d+$/.test(one(form.campaignId))) dto.campaignId = Number(one(form.campaignId));
  if (one(form.note)) dto.note = one(form.note);
  const materials = materialsFromForm(form);
  if (materials) dto.materials = materials;
  return dto;
}
