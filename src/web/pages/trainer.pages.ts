import { BUSINESS_LINE_LABELS } from '../../common/business-lines';
import { EXAM_KIND_LABELS } from '../../exams/exam.entity';
import { fmtDateTime, fmtPercent, html, SafeHtml } from '../html';
import { staffPicker, type StaffEntry } from './staff-picker';
import { TYPE_LABELS } from './staff.pages';

export interface Bank {
  id: number;
  code: string;
  title: string;
  curriculum: string;
  counts: { approved: number; draft: number; retired: number; needsReview: number };
}

export const CURRICULUM_LABELS: Record<string, string> = {
  common: '共同科目',
  resettlement: '安置',
  rights: '权益维护',
  care: '优抚褒扬',
  employment: '就业创业',
  retiree: '军休',
  'double-support': '双拥',
};

/** The upload widget shared by the bank and roster imports: check (dry run) → error table → confirm. */
export function uploadWidget(o: {
  endpoint: string;
  label: string;
  accept: string;
  extraFields?: SafeHtml;
  templateHref?: string;
}): SafeHtml {
  return html`<form class="upload" data-endpoint="${o.endpoint}" enctype="multipart/form-data">
    <div class="field">
      <label for="upload-file">${o.label}</label>
      <input id="upload-file" type="file" name="file" accept="${o.accept}" required />
    </div>
    ${o.extraFields ?? ''}
    <div class="actions">
      <button type="button" class="primary" data-action="check">检查文件（不导入）</button>
      <button type="button" data-action="confirm" disabled>确认导入</button>
      ${o.templateHref ? html`<a href="${o.templateHref}">下载导入模板</a>` : ''}
    </div>
    <div class="upload-result" aria-live="polite"></div>
  </form>`;
}

export function banksPage(banks: Bank[]): SafeHtml {
  return html`<h1>题库</h1>
    <section aria-labelledby="upload-h">
      <h2 id="upload-h">上传题库文件</h2>
      <p class="muted">
        支持 .yaml/.json、.xlsx/.csv、.txt/.docx（Word 编号格式）、GIFT、Aiken。先检查，确认无误后再导入。
      </p>
      ${uploadWidget({
        endpoint: '/api/question-banks/import',
        label: '题库文件',
        accept: '.yaml,.yml,.json,.xlsx,.csv,.txt,.docx,.gift,.aiken',
        templateHref: '/api/question-banks/template.xlsx',
        extraFields: html`<div class="field">
          <label for="bank-id">导入到题库</label>
          <select id="bank-id" name="bankId">
            <option value="">按文件中的题库信息（新建或更新）</option>
            ${banks.map((b) => html`<option value="${b.id}">${b.title}</option>`)}
          </select>
        </div>`,
      })}
    </section>
    <section aria-labelledby="banks-h">
      <h2 id="banks-h">全部题库（${banks.length}）</h2>
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">题库</th>
              <th scope="col">科目</th>
              <th scope="col">已审核</th>
              <th scope="col">草稿</th>
              <th scope="col">待复核</th>
              <th scope="col">导出与统计</th>
            </tr>
          </thead>
          <tbody>
            ${banks.map(
              (b) =>
                html`<tr>
                  <th scope="row"><a href="/app/questions?bankId=${b.id}">${b.title}</a></th>
                  <td>${CURRICULUM_LABELS[b.curriculum] ?? b.curriculum}</td>
                  <td>${b.counts.approved}</td>
                  <td>${b.counts.draft}</td>
                  <td>${b.counts.needsReview}</td>
                  <td>
                    <a href="/api/question-banks/${b.id}/export.xlsx">Excel</a> ·
                    <a href="/api/question-banks/${b.id}/export.yaml">YAML</a> ·
                    <a href="/app/banks/${b.id}/stats">题目统计</a>
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
}

export interface QuestionRow {
  id: number;
  bankId: number;
  status: string;
  needsReview: boolean;
  reviewReason: string | null;
  revision: number;
  type: string;
  stem: string;
  options: { key: string; text: string }[];
  answer: unknown;
  explanation: string | null;
  difficulty: number | null;
  citation: { regulation: string; article: number } | null;
  tags: string[];
  regulation: { title: string } | null;
  article: number | null;
}

export const STATUS_LABELS: Record<string, string> = { approved: '已审核', draft: '草稿', retired: '已停用' };

export function questionsPage(
  title: string,
  list: { total: number; page: number; pageSize: number; items: QuestionRow[] },
  q: Record<string, string>,
  banks: Bank[],
  showFilters: boolean,
): SafeHtml {
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const link = (page: number) => `?${new URLSearchParams({ ...q, page: String(page) }).toString()}`;
  return html`<h1>${title}</h1>
    ${showFilters
      ? html`<form method="get" class="inline-form" role="search" aria-label="筛选题目">
          <label for="f-bank">题库</label>
          <select id="f-bank" name="bankId">
            <option value="">全部</option>
            ${banks.map(
              (b) =>
                html`<option value="${b.id}" ${q.bankId === String(b.id) ? 'selected' : ''}>
                  ${b.title}
                </option>`,
            )}
          </select>
          <label for="f-status">状态</label>
          <select id="f-status" name="status">
            <option value="">全部</option>
            ${Object.entries(STATUS_LABELS).map(
              ([k, v]) => html`<option value="${k}" ${q.status === k ? 'selected' : ''}>${v}</option>`,
            )}
          </select>
          <label for="f-q">题干</label>
          <input id="f-q" name="q" value="${q.q ?? ''}" />
          <button type="submit">筛选</button>
        </form>`
      : ''}
    <p class="muted">共 ${list.total} 题</p>
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">编号</th>
            <th scope="col">题型</th>
            <th scope="col">题干</th>
            <th scope="col">出处</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          ${list.items.map(
            (x) =>
              html`<tr>
                <td>${x.id}</td>
                <td>${TYPE_LABELS[x.type] ?? x.type}</td>
                <td>
                  <a href="/app/questions/${x.id}">${x.stem}</a>${x.needsReview
                    ? html` <span class="tag warn"
                        >待复核${x.reviewReason ? `：${x.reviewReason}` : ''}</span
                      >`
                    : ''}
                </td>
                <td>${x.regulation?.title ?? ''}${x.article ? ` 第${x.article}条` : ''}</td>
                <td>${STATUS_LABELS[x.status] ?? x.status}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <nav class="pager" aria-label="分页">
      ${list.page > 1 ? html`<a href="${link(list.page - 1)}">上一页</a>` : ''}
      <span>第 ${list.page} / ${pages} 页</span>
      ${list.page < pages ? html`<a href="${link(list.page + 1)}">下一页</a>` : ''}
    </nav>`;
}

const answerText = (x: QuestionRow): string => {
  if (x.type === 'true-false') return x.answer === true ? '对' : '错';
  if (x.type === 'fill-blank' && Array.isArray(x.answer))
    return (x.answer as unknown[]).map((a) => (Array.isArray(a) ? a.join('|') : String(a))).join('；');
  return Array.isArray(x.answer) ? (x.answer as string[]).join('') : String(x.answer ?? '');
};

export function questionEditPage(x: QuestionRow, csrf: string): SafeHtml {
  const hidden = html`<input type="hidden" name="_csrf" value="${csrf}" />`;
  return html`<h1>编辑题目 #${x.id}</h1>
    <p class="muted">
      ${TYPE_LABELS[x.type] ?? x.type} · ${STATUS_LABELS[x.status] ?? x.status} · 第 ${x.revision} 版
      ${x.needsReview
        ? html` · <span class="tag warn">待复核${x.reviewReason ? `：${x.reviewReason}` : ''}</span>`
        : ''}
    </p>
    <form method="post" action="/app/questions/${x.id}" class="stacked">
      ${hidden}
      <div class="field">
        <label for="e-stem">题干</label
        ><textarea id="e-stem" name="stem" rows="3" required>${x.stem}</textarea>
      </div>
      ${x.options.map(
        (o) =>
          html`<div class="field">
            <label for="e-opt-${o.key}">选项 ${o.key}</label>
            <input id="e-opt-${o.key}" name="option_${o.key}" value="${o.text}" />
          </div>`,
      )}
      <div class="field">
        <label for="e-answer">答案</label>
        <input id="e-answer" name="answer" value="${answerText(x)}" aria-describedby="e-answer-help" />
        <small id="e-answer-help">单选 B；多选 ACD；判断 对/错；填空 答案一；答案二（同义用 | 分隔）</small>
      </div>
      <div class="field">
        <label for="e-expl">解析</label
        ><textarea id="e-expl" name="explanation" rows="3">${x.explanation ?? ''}</textarea>
      </div>
      <div class="field">
        <label for="e-diff">难度（1–5）</label
        ><input id="e-diff" name="difficulty" type="number" min="1" max="5" value="${x.difficulty ?? ''}" />
      </div>
      <div class="actions"><button type="submit" class="primary">保存为新版本</button></div>
    </form>
    <div class="actions">
      ${x.status !== 'approved'
        ? html`<form method="post" action="/app/questions/${x.id}/approve">
            ${hidden}<button type="submit">审核通过</button>
          </form>`
        : ''}
      ${x.status !== 'retired'
        ? html`<form method="post" action="/app/questions/${x.id}/retire">
            ${hidden}<button type="submit">停用</button>
          </form>`
        : ''}
      <form method="post" action="/app/questions/${x.id}/flag" class="inline-form">
        ${hidden}
        <input type="hidden" name="needsReview" value="${x.needsReview ? 'false' : 'true'}" />
        ${x.needsReview
          ? ''
          : html`<label for="flag-reason">复核原因</label><input id="flag-reason" name="reason" />`}
        <button type="submit">${x.needsReview ? '复核完成，取消标记' : '标记待复核'}</button>
      </form>
    </div>`;
}

export interface BlueprintPart {
  key: string;
  title: string;
  source: { kind: string; bankIds?: number[]; regulationIds?: number[] };
  rules: { type: string; count: number; points: number }[];
  passMark?: number | null;
}

export interface ExamRow {
  id: number;
  title: string;
  kind: string;
  kindLabel: string;
  description?: string | null;
  status: string;
  maxScore: number;
  timeLimitMinutes: number | null;
  opensAt: string | null;
  closesAt: string | null;
  attemptsAllowed?: number | null;
  reviewPolicy?: string;
  parts: { key: string; title: string; maxScore: number; passMark: number | null }[];
  blueprint: { passMark: number; parts: BlueprintPart[] };
  audience?: { unitIds?: number[]; lines?: string[]; enforcementOnly?: boolean; userIds?: number[] };
}

export interface RegulationOption {
  id: number;
  code: string;
  title: string;
  status: string;
  statusLabel: string;
  curriculum: string;
  kindLabel?: string;
  currentVersion?: string | null;
}

export interface UnitOption {
  id: number;
  name: string;
  children: UnitOption[];
}

const EXAM_STATUS: Record<string, string> = { draft: '草稿', published: '已发布', archived: '已归档' };
const SOURCE_LABELS: Record<string, string> = {
  common: '共同科目',
  specialty: '考生本人业务条线',
  banks: '指定题库',
  regulations: '指定法规',
};

export function examsPage(exams: ExamRow[], canCreate: boolean): SafeHtml {
  return html`<h1>考试管理</h1>
    ${canCreate ? html`<p><a class="button primary" href="/app/exams/new">新建考试</a></p>` : ''}
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">考试</th>
            <th scope="col">类别</th>
            <th scope="col">状态</th>
            <th scope="col">开放时间</th>
            <th scope="col">截止时间</th>
          </tr>
        </thead>
        <tbody>
          ${exams.map(
            (e) =>
              html`<tr>
                <th scope="row"><a href="/app/exams/${e.id}">${e.title}</a></th>
                <td>${e.kindLabel}</td>
                <td>${EXAM_STATUS[e.status] ?? e.status}</td>
                <td>${fmtDateTime(e.opensAt)}</td>
                <td>${fmtDateTime(e.closesAt)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

export interface RosterAttempt {
  id: number;
  attemptNo: number;
  status: string;
  score: number | null;
  passed: boolean | null;
  submittedAt: string | null;
  deadline: string | null;
  invalidReason: string | null;
}

export interface RosterRow {
  userId: number;
  name: string;
  username?: string;
  unitName?: string | null;
  state: string;
  grade?: number | null;
  attempts?: RosterAttempt[];
}

export interface Roster {
  shouldSit: number;
  sat: number;
  passed: number;
  participationRate: number | null;
  passRate: number | null;
  people: RosterRow[];
}

const ROSTER_STATE: Record<string, string> = {
  'not-started': '未参加',
  'in-progress': '作答中',
  passed: '合格',
  failed: '不合格',
};
const ATTEMPT_STATUS: Record<string, string> = {
  'in-progress': '作答中',
  submitted: '已交卷',
  invalidated: '已作废',
};

function attemptActions(a: RosterAttempt, examId: number, csrf: string): SafeHtml {
  const hidden = html`<input type="hidden" name="_csrf" value="${csrf}" /><input
      type="hidden"
      name="examId"
      value="${examId}"
    />`;
  const minutes = (verb: string, action: string) =>
    html`<form method="post" action="/app/attempts/${a.id}/${action}" class="inline-form">
      ${hidden}
      <label for="${action}-${a.id}">${verb}（分钟）</label>
      <input id="${action}-${a.id}" name="minutes" type="number" min="1" max="600" value="10" required />
      <label for="${action}-reason-${a.id}">原因</label>
      <input id="${action}-reason-${a.id}" name="reason" minlength="2" maxlength="500" required />
      <button type="submit">${verb}</button>
    </form>`;
  return html`${a.status === 'in-progress' ? minutes('延长时间', 'extend') : ''}
  ${a.status === 'submitted' ? minutes('重新开放', 'reopen') : ''}
  ${a.status !== 'invalidated'
    ? html`<form method="post" action="/app/attempts/${a.id}/invalidate" class="inline-form">
        ${hidden}
        <label for="invalidate-${a.id}">作废原因</label>
        <input id="invalidate-${a.id}" name="reason" minlength="2" maxlength="500" required />
        <button type="submit">作废</button>
      </form>`
    : ''}`;
}

export function examDetailPage(
  e: ExamRow,
  roster: Roster | null,
  csrf: string,
  canEdit: boolean,
  canManageAttempts: boolean,
): SafeHtml {
  const people = roster?.people ?? [];
  return html`<h1>${e.title}</h1>
    <p class="muted">
      ${e.kindLabel} · ${EXAM_STATUS[e.status] ?? e.status} · 满分 ${e.maxScore} · 及格
      ${e.blueprint.passMark} ${e.timeLimitMinutes ? html` · 限时 ${e.timeLimitMinutes} 分钟` : ''} ·
      ${fmtDateTime(e.opensAt)} 至 ${fmtDateTime(e.closesAt)}
    </p>
    <h2>组卷规则</h2>
    <ul>
      ${e.blueprint.parts.map(
        (p) =>
          html`<li>
            ${p.title}（${SOURCE_LABELS[p.source?.kind] ?? p.source?.kind}）：${p.rules
              .map((r) => `${TYPE_LABELS[r.type] ?? r.type} ${r.count} 题 × ${r.points} 分`)
              .join('，')}${p.passMark ? `；本部分 ${p.passMark} 分及格` : ''}
          </li>`,
      )}
    </ul>
    ${canEdit && e.status === 'draft'
      ? html`<div class="actions">
          <a class="button" href="/app/exams/${e.id}/edit">编辑草稿</a>
          <form method="post" action="/app/exams/${e.id}/publish">
            <input type="hidden" name="_csrf" value="${csrf}" />
            <button type="submit" class="primary">发布考试</button>
          </form>
        </div>`
      : ''}
    ${roster
      ? html`<h2>考生名单（应考 ${roster.shouldSit} 人）</h2>
          <p class="muted" id="roster-summary">
            实考 ${roster.sat} 人（参考率 ${fmtPercent(roster.participationRate)}）· 合格 ${roster.passed}
            人（合格率 ${fmtPercent(roster.passRate)}）· 作答中
            ${people.filter((r) => r.state === 'in-progress').length} 人 · 未参加
            ${people.filter((r) => r.state === 'not-started').length} 人
          </p>
          <div class="table-wrap">
            <table class="table" id="roster-table">
              <thead>
                <tr>
                  <th scope="col">姓名</th>
                  <th scope="col">单位</th>
                  <th scope="col">状态</th>
                  <th scope="col">成绩</th>
                  <th scope="col">答卷</th>
                </tr>
              </thead>
              <tbody>
                ${people.map(
                  (r) =>
                    html`<tr>
                      <th scope="row">${r.name}</th>
                      <td>${r.unitName ?? ''}</td>
                      <td>${ROSTER_STATE[r.state] ?? r.state}</td>
                      <td>${r.grade ?? '—'}</td>
                      <td>
                        ${(r.attempts ?? []).map(
                          (a) =>
                            html`<div class="attempt">
                              第 ${a.attemptNo}
                              次：${ATTEMPT_STATUS[a.status] ?? a.status}${a.score !== null
                                ? ` · ${a.score} 分`
                                : ''}${a.invalidReason ? `（${a.invalidReason}）` : ''}
                              ${canManageAttempts ? attemptActions(a, e.id, csrf) : ''}
                            </div>`,
                        )}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
      : ''}`;
}

const RULE_TYPES = ['single', 'multiple', 'true-false', 'fill-blank'] as const;
const DEFAULT_POINTS = [2, 3, 2, 2];

export function flatUnits(units: UnitOption[], depth = 0): { id: number; label: string }[] {
  return units.flatMap((u) => [
    { id: u.id, label: `${'　'.repeat(depth)}${u.name}` },
    ...flatUnits(u.children ?? [], depth + 1),
  ]);
}

function partFieldset(n: number, banks: Bank[], regs: RegulationOption[], p: BlueprintPart | null): SafeHtml {
  const kind = p?.source.kind ?? (n === 1 ? 'common' : 'specialty');
  const rule = (t: string) => p?.rules.find((r) => r.type === t);
  const defaults = n === 1 && !p ? [20, 10, 10, 0] : [0, 0, 0, 0];
  return html`<fieldset class="part">
    <legend>第 ${n} 部分${n > 1 ? '（可选：名称留空则不使用）' : ''}</legend>
    <div class="grid2">
      <div class="field">
        <label for="p${n}-title">名称</label
        ><input
          id="p${n}-title"
          name="p${n}_title"
          value="${p?.title ?? (n === 1 ? '共同科目' : '')}"
          ${n === 1 ? 'required' : ''}
        />
      </div>
      <div class="field">
        <label for="p${n}-source">题目来源</label>
        <select id="p${n}-source" name="p${n}_source">
          ${Object.entries(SOURCE_LABELS).map(
            ([k, v]) => html`<option value="${k}" ${kind === k ? 'selected' : ''}>${v}</option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="p${n}-banks">指定题库（来源为“指定题库”时，可多选）</label>
        <select id="p${n}-banks" name="p${n}_banks" multiple size="4">
          ${banks.map(
            (b) =>
              html`<option value="${b.id}" ${p?.source.bankIds?.includes(b.id) ? 'selected' : ''}>
                ${b.title}
              </option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label for="p${n}-regs">指定法规（来源为“指定法规”时，可多选）</label>
        <select id="p${n}-regs" name="p${n}_regulations" multiple size="4">
          ${regs.map(
            (r) =>
              html`<option value="${r.id}" ${p?.source.regulationIds?.includes(r.id) ? 'selected' : ''}>
                ${r.title}${r.status === 'repealed' ? '（已废止）' : ''}
              </option>`,
          )}
        </select>
      </div>
    </div>
    <div class="table-wrap">
      <table class="table compact">
        <thead>
          <tr>
            <th scope="col">题型</th>
            <th scope="col">题数</th>
            <th scope="col">每题分值</th>
          </tr>
        </thead>
        <tbody>
          ${RULE_TYPES.map(
            (t, i) =>
              html`<tr>
                <th scope="row">${TYPE_LABELS[t]}</th>
                <td>
                  <input
                    aria-label="第 ${n} 部分${TYPE_LABELS[t]}题数"
                    name="p${n}_${t}_count"
                    type="number"
                    min="0"
                    value="${rule(t)?.count ?? defaults[i]}"
                  />
                </td>
                <td>
                  <input
                    aria-label="第 ${n} 部分${TYPE_LABELS[t]}分值"
                    name="p${n}_${t}_points"
                    type="number"
                    min="0"
                    step="0.5"
                    value="${rule(t)?.points ?? DEFAULT_POINTS[i]}"
                  />
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <div class="field">
      <label for="p${n}-pass">本部分及格分（可空）</label
      ><input id="p${n}-pass" name="p${n}_pass" type="number" min="0" value="${p?.passMark ?? ''}" />
    </div>
  </fieldset>`;
}

/** `datetime-local` value in China Standard Time. */
const cstLocal = (iso: string | null | undefined): string =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16) : '';

/** The exam form: new (exam null) or editing a draft. `partCount` fieldsets; empty titles are ignored. */
export function examFormPage(o: {
  exam: ExamRow | null;
  banks: Bank[];
  regulations: RegulationOption[];
  units: UnitOption[];
  csrf: string;
  partCount: number;
  /** The staff directory for the named-staff picker; without it, user numbers are typed. */
  people?: StaffEntry[];
}): SafeHtml {
  const e = o.exam;
  const aud = e?.audience ?? {};
  const parts = e?.blueprint.parts ?? [];
  const count = Math.max(o.partCount, parts.length + 1, 2);
  const action = e ? `/app/exams/${e.id}/edit` : '/app/exams';
  const more = `${e ? `/app/exams/${e.id}/edit` : '/app/exams/new'}?parts=${Math.min(count + 1, 10)}`;
  return html`<h1>${e ? `编辑草稿：${e.title}` : '新建考试'}</h1>
    <form method="post" action="${action}" class="stacked" id="exam-form">
      <input type="hidden" name="_csrf" value="${o.csrf}" />
      <div class="field">
        <label for="x-title">考试名称</label
        ><input id="x-title" name="title" value="${e?.title ?? ''}" required />
      </div>
      <div class="field">
        <label for="x-kind">类别</label>
        <select id="x-kind" name="kind">
          ${Object.entries(EXAM_KIND_LABELS)
            .filter(([k]) => k !== 'practice')
            .map(
              ([k, v]) =>
                html`<option value="${k}" ${(e?.kind ?? 'law-study') === k ? 'selected' : ''}>${v}</option>`,
            )}
        </select>
      </div>
      <div class="grid2">
        <div class="field">
          <label for="x-limit">限时（分钟）</label
          ><input
            id="x-limit"
            name="timeLimitMinutes"
            type="number"
            min="1"
            value="${e?.timeLimitMinutes ?? 60}"
          />
        </div>
        <div class="field">
          <label for="x-pass">及格分</label
          ><input
            id="x-pass"
            name="passMark"
            type="number"
            min="0"
            value="${e?.blueprint.passMark ?? 60}"
            required
          />
        </div>
        <div class="field">
          <label for="x-open">开放时间</label
          ><input id="x-open" name="opensAt" type="datetime-local" value="${cstLocal(e?.opensAt)}" />
        </div>
        <div class="field">
          <label for="x-close">截止时间</label
          ><input id="x-close" name="closesAt" type="datetime-local" value="${cstLocal(e?.closesAt)}" />
        </div>
        <div class="field">
          <label for="x-attempts">允许作答次数（0 为不限）</label
          ><input
            id="x-attempts"
            name="attemptsAllowed"
            type="number"
            min="0"
            value="${e?.attemptsAllowed ?? 1}"
          />
        </div>
        <div class="field">
          <label for="x-review">答案解析</label>
          <select id="x-review" name="reviewPolicy">
            ${[
              ['after-submit', '交卷后可看'],
              ['after-close', '考试结束后可看'],
              ['never', '不提供'],
            ].map(
              ([k, v]) =>
                html`<option value="${k}" ${(e?.reviewPolicy ?? 'after-submit') === k ? 'selected' : ''}>
                  ${v}
                </option>`,
            )}
          </select>
        </div>
      </div>
      <fieldset>
        <legend>参考人员（同时满足所选条件；另加指定人员）</legend>
        <div class="grid2">
          <div class="field">
            <label for="x-units">单位（含下级单位，可多选；不选为全部）</label>
            <select id="x-units" name="unitIds" multiple size="6">
              ${flatUnits(o.units).map(
                (u) =>
                  html`<option value="${u.id}" ${aud.unitIds?.includes(u.id) ? 'selected' : ''}>
                    ${u.label}
                  </option>`,
              )}
            </select>
          </div>
          <div class="field">
            <span id="x-lines-label">业务条线（不选为全部）</span>
            <div role="group" aria-labelledby="x-lines-label">
              ${Object.entries(BUSINESS_LINE_LABELS).map(
                ([k, v]) =>
                  html`<label class="checkbox"
                    ><input
                      type="checkbox"
                      name="lines"
                      value="${k}"
                      ${aud.lines?.includes(k) ? 'checked' : ''}
                    />
                    ${v}</label
                  > `,
              )}
            </div>
          </div>
        </div>
        <div class="field checkbox">
          <input
            id="x-enf"
            name="enforcementOnly"
            type="checkbox"
            value="1"
            ${aud.enforcementOnly ? 'checked' : ''}
          /><label for="x-enf">仅限执法岗位人员</label>
        </div>
        ${o.people && o.people.length
          ? staffPicker({
              people: o.people,
              name: 'userIds',
              selected: aud.userIds ?? [],
              legend: '指定人员（按单位勾选，可选）',
              idPrefix: 'x-u',
            })
          : html`<div class="field">
              <label for="x-users">指定人员（用户编号，用逗号或空格分隔）</label>
              <input
                id="x-users"
                name="userIds"
                value="${(aud.userIds ?? []).join(', ')}"
                inputmode="numeric"
              />
            </div>`}
      </fieldset>
      ${Array.from({ length: count }, (_, i) =>
        partFieldset(i + 1, o.banks, o.regulations, parts[i] ?? null),
      )}
      <p><a href="${more}">需要更多部分？增加一个部分</a>（未保存的修改会丢失，请先保存草稿）</p>
      <div class="actions"><button type="submit" class="primary">保存草稿</button></div>
    </form>`;
}

export interface ItemStat {
  questionId: number;
  type?: string;
  stem?: string;
  status?: string;
  regulation: string | null;
  article: number | null;
  n?: number;
  facility?: number | null;
  discrimination?: number | null;
  [k: string]: unknown;
}

export function itemStatsPage(bank: Bank, rows: ItemStat[]): SafeHtml {
  const num = (v: unknown) => (typeof v === 'number' ? (Math.round(v * 100) / 100).toFixed(2) : '—');
  return html`<h1>题目统计：${bank.title}</h1>
    <p class="muted">难度系数（答对率）过高或过低、区分度低于 0.2 的题目建议复核。按区分度从低到高排列。</p>
    ${rows.length === 0
      ? html`<p>该题库的题目还没有作答记录。</p>`
      : html`<div class="table-wrap">
          <table class="table" id="item-stats-table">
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">题型</th>
                <th scope="col">题干</th>
                <th scope="col">出处</th>
                <th scope="col">作答人次</th>
                <th scope="col">答对率</th>
                <th scope="col">区分度</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (r) =>
                  html`<tr>
                    <td>${r.questionId}</td>
                    <td>${TYPE_LABELS[r.type ?? ''] ?? r.type ?? ''}</td>
                    <td><a href="/app/questions/${r.questionId}">${r.stem ?? ''}</a></td>
                    <td>${r.regulation ?? ''}${r.article ? ` 第${r.article}条` : ''}</td>
                    <td>${typeof r.n === 'number' ? r.n : '—'}</td>
                    <td>${typeof r.facility === 'number' ? fmtPercent(r.facility) : '—'}</td>
                    <td>
                      ${num(r.discrimination)}${typeof r.discrimination === 'number' && r.discrimination < 0.2
                        ? html` <span class="tag warn">偏低</span>`
                        : ''}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>`}
    <p><a href="/app/banks">返回题库</a></p>`;
}

export function regulationsAdminPage(regs: RegulationOption[]): SafeHtml {
  return html`<h1>法规版本管理</h1>
    <p class="muted">
      上传新版本文本（先预览条文变化，再确认保存），或登记废止。受影响条文的题目会标记为待复核。
    </p>
    <div class="table-wrap">
      <table class="table" id="regulations-table">
        <thead>
          <tr>
            <th scope="col">法规</th>
            <th scope="col">科目</th>
            <th scope="col">现行版本</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          ${regs.map(
            (r) =>
              html`<tr>
                <th scope="row"><a href="/app/regulations/${r.code}">${r.title}</a></th>
                <td>${CURRICULUM_LABELS[r.curriculum] ?? r.curriculum}</td>
                <td>${r.currentVersion ?? '—'}</td>
                <td>${r.statusLabel}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

export function regulationAdminPage(
  r: RegulationOption & {
    versions?: {
      seq: number;
      label: string;
      effectiveOn: string | null;
      articleCount: number;
      excerpt: boolean;
    }[];
    repealedOn?: string | null;
  },
  csrf: string,
): SafeHtml {
  return html`<h1>${r.title}</h1>
    <p class="muted">${r.statusLabel}${r.currentVersion ? ` · 现行版本 ${r.currentVersion}` : ''}</p>
    <h2>版本历史</h2>
    <ol>
      ${(r.versions ?? []).map(
        (v) =>
          html`<li>
            ${v.label}${v.effectiveOn ? `（${v.effectiveOn} 施行）` : ''} · ${v.articleCount}
            条${v.excerpt ? '（节选）' : ''}
          </li>`,
      )}
    </ol>
    <section aria-labelledby="version-h">
      <h2 id="version-h">上传新版本</h2>
      <form
        class="upload"
        data-endpoint="/api/regulations/${r.code}/versions"
        data-dryrun="field"
        enctype="multipart/form-data"
      >
        <div class="field">
          <label for="upload-file">条文文本（.txt / .md / .docx）</label>
          <input id="upload-file" type="file" name="file" accept=".txt,.md,.docx" required />
        </div>
        <div class="grid2">
          <div class="field">
            <label for="v-label">版本名称</label
            ><input id="v-label" name="label" placeholder="如：2026年修正" required />
          </div>
          <div class="field">
            <label for="v-adopted">通过日期</label><input id="v-adopted" name="adoptedOn" type="date" />
          </div>
          <div class="field">
            <label for="v-effective">施行日期</label><input id="v-effective" name="effectiveOn" type="date" />
          </div>
          <div class="field">
            <label for="v-note">说明</label><input id="v-note" name="note" maxlength="2000" />
          </div>
        </div>
        <div class="field checkbox">
          <input id="v-excerpt" name="excerpt" type="checkbox" value="true" /><label for="v-excerpt"
            >节选（只含部分条文）</label
          >
        </div>
        <div class="actions">
          <button type="button" class="primary" data-action="check">预览条文变化（不保存）</button>
          <button type="button" data-action="confirm" disabled>确认保存新版本</button>
        </div>
        <div class="upload-result" aria-live="polite"></div>
      </form>
    </section>
    ${r.status !== 'repealed'
      ? html`<section aria-labelledby="repeal-h">
          <h2 id="repeal-h">登记废止</h2>
          <form method="post" action="/app/regulations/${r.code}/repeal" class="stacked">
            <input type="hidden" name="_csrf" value="${csrf}" />
            <div class="grid2">
              <div class="field">
                <label for="r-date">废止日期</label
                ><input id="r-date" name="repealedOn" type="date" required />
              </div>
              <div class="field">
                <label for="r-by">替代文件（名称或代码，可空）</label><input id="r-by" name="replacedBy" />
              </div>
            </div>
            <div class="field">
              <label for="r-note">说明</label><input id="r-note" name="note" maxlength="2000" />
            </div>
            <div class="actions">
              <button type="submit">登记废止（引用本文件的题目将标记待复核）</button>
            </div>
          </form>
        </section>`
      : html`<p>本文件已于 ${r.repealedOn ?? ''} 废止。</p>`}`;
}
