import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/decorators';
import type { Role } from '../common/roles';
import { ACCESS_COOKIE } from '../identity/jwt.strategy';
import { CSRF_COOKIE, newCsrfToken, sameToken } from './csrf';
import { html, SafeHtml } from './html';
import { layout } from './layout';
import { rosterImportPage, UnitNode, unitsPage, UserRow, usersPage } from './pages/admin.pages';
import { CertificationReport, dashboardPage, ExamStat } from './pages/manager.pages';
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
} from './pages/staff.pages';
import { libraryPage, readingPage, RegulationRow, SearchHit, searchPage } from './pages/study.pages';
import {
  Bank,
  banksPage,
  examDetailPage,
  examNewPage,
  ExamRow,
  examsPage,
  questionEditPage,
  QuestionRow,
  questionsPage,
  RosterRow,
} from './pages/trainer.pages';
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
      const [exams, progress, notebook] = await Promise.all([
        this.api.get<AvailableExam[]>(req, '/api/exams/available'),
        this.api.get<StudyProgress>(req, '/api/study/progress'),
        this.api.get<NotebookEntry[]>(req, '/api/practice/notebook'),
      ]);
      parts.push(
        staffHome(
          exams.status === 200 ? exams.body : [],
          c.csrf,
          progress.status === 200 ? progress.body : null,
          notebook.status === 200 ? notebook.body.length : 0,
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
    const r = await this.api.get<RegulationRow[]>(req, '/api/regulations');
    this.page(reply, c, '学法', libraryPage(r.status === 200 ? r.body : []), { active: '/app/study' });
  }

  @Get('app/study/search')
  async search(@Req() req: Req, @Res() reply: FastifyReply, @Query('q') q = '') {
    const c = await this.ctx(req, reply);
    if (!c) return;
    const query = q.trim().slice(0, 100);
    let hits: SearchHit[] | null = [];
    if (query) {
      const r = await this.api.get<SearchHit[] | { items: SearchHit[] }>(
        req,
        `/api/materials/search?q=${encodeURIComponent(query)}`,
      );
      hits = r.status === 200 ? (Array.isArray(r.body) ? r.body : (r.body.items ?? [])) : null;
    }
    this.page(reply, c, '搜索', searchPage(query, hits), { active: '/app/study' });
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

  @Get('app/exams/new')
  async examNew(@Req() req: Req, @Res() reply: FastifyReply, @Query() query: Record<string, string>) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const banks = await this.api.get<Bank[]>(req, '/api/question-banks');
    this.page(reply, c, '新建考试', examNewPage(banks.body ?? [], c.csrf), { active: '/app/exams', query });
  }

  @Post('app/exams')
  async examCreate(@Req() req: Req, @Res() reply: FastifyReply, @Body() form: Form) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const r = await this.api.call<{ id: number }>(req, 'POST', '/api/exams', examDtoFromForm(form));
    if (r.status >= 300) return this.back(reply, '/app/exams/new', r, '');
    this.back(reply, `/app/exams/${r.body.id}`, r, '考试已保存为草稿，检查无误后请发布');
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
      this.api.get<{ people: RosterRow[] }>(req, `/api/exams/${id}/roster`),
    ]);
    if (e.status !== 200) return this.notFound(reply, c, e.status, e.body);
    const canEdit = c.me.roles.some((x) => TRAINER.includes(x));
    this.page(
      reply,
      c,
      e.body.title,
      examDetailPage(e.body, roster.status === 200 ? roster.body.people : null, c.csrf, canEdit),
      {
        active: '/app/exams',
        query,
      },
    );
  }

  @Post('app/exams/:id/publish')
  async publish(@Req() req: Req, @Res() reply: FastifyReply, @Param('id', ParseIntPipe) id: number) {
    const c = await this.ctx(req, reply, TRAINER);
    if (!c) return;
    const r = await this.api.call(req, 'POST', `/api/exams/${id}/publish`);
    this.back(reply, `/app/exams/${id}`, r, '考试已发布');
  }

  // ---------- manager ----------

  @Get('app/dashboard')
  async dashboard(@Req() req: Req, @Res() reply: FastifyReply, @Query('unit') unit?: string) {
    const c = await this.ctx(req, reply, MANAGER);
    if (!c) return;
    const [report, exams] = await Promise.all([
      this.api.get<CertificationReport>(req, '/api/reports/certification'),
      this.api.get<ExamRow[]>(req, '/api/exams'),
    ]);
    const stats: ExamStat[] = [];
    for (const e of (exams.status === 200 ? exams.body : []).filter((x) => x.status !== 'draft')) {
      const r = await this.api.get<Omit<ExamStat, 'id' | 'title'>>(req, `/api/exams/${e.id}/roster`);
      if (r.status === 200) stats.push({ ...r.body, id: e.id, title: e.title });
    }
    const ok = report.status === 200 && report.body && Array.isArray(report.body.byUnit);
    const unitId = unit && /^\d+$/.test(unit) ? Number(unit) : null;
    this.page(
      reply,
      c,
      '持证率',
      dashboardPage(
        ok ? report.body : null,
        unitId,
        stats,
        ok ? null : '持证率统计接口（/api/reports/certification）暂不可用。',
      ),
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

export function examDtoFromForm(form: Form): Record<string, unknown> {
  const parts = [1, 2]
    .map((n) => {
      const title = one(form[`p${n}_title`]);
      if (!title) return null;
      const rules = RULE_TYPES.map((t) => ({
        type: t,
        count: Number(one(form[`p${n}_${t}_count`]) || 0),
        points: Number(one(form[`p${n}_${t}_points`]) || 0),
      })).filter((r) => r.count > 0);
      const kind = one(form[`p${n}_source`]) || 'common';
      const source: Record<string, unknown> = { kind };
      if (kind === 'banks') source.bankIds = many(form[`p${n}_banks`]).map(Number);
      const part: Record<string, unknown> = { key: n === 1 ? 'p1' : 'p2', title, source, rules };
      if (one(form[`p${n}_pass`])) part.passMark = Number(one(form[`p${n}_pass`]));
      return part;
    })
    .filter(Boolean);
  const dto: Record<string, unknown> = {
    title: one(form.title),
    kind: one(form.kind) || 'law-study',
    blueprint: { passMark: Number(one(form.passMark) || 0), parts },
    reviewPolicy: one(form.reviewPolicy) || 'after-submit',
    audience: { enforcementOnly: one(form.enforcementOnly) === '1' },
  };
  if (one(form.timeLimitMinutes)) dto.timeLimitMinutes = Number(one(form.timeLimitMinutes));
  if (one(form.attemptsAllowed)) dto.attemptsAllowed = Number(one(form.attemptsAllowed));
  const opens = cstToIso(one(form.opensAt));
  const closes = cstToIso(one(form.closesAt));
  if (opens) dto.opensAt = opens;
  if (closes) dto.closesAt = closes;
  return dto;
}
