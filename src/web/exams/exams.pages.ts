/** Exam management: the list, an exam with its blueprint and roster, and the attempt actions of the roster. */
import type {
  ExamResponse,
  ExamRosterResponse,
  RosterAttemptResponse,
  RosterPersonResponse,
} from '../../exams/exam.response';
import { isWrittenType, QUESTION_TYPE_LABELS } from '../../question-bank/question.types';
import { confirmForm, hidden, input, postButton, postForm } from '../shared/form';
import { fmtDateTime, fmtPercent, html, type SafeHtml } from '../shared/html';
import { unavailable, type Loaded } from '../shared/section';
import { table } from '../shared/table';
import { examTotals } from '../../exams/exam-totals';

const totalsOf = (e: Pick<ExamResponse, 'blueprint'>) =>
  examTotals(e.blueprint?.parts ?? [], e.blueprint?.passMark ?? null);

export const EXAM_STATUS_LABELS: Record<ExamResponse['status'], string> = {
  draft: '草稿',
  published: '已发布',
  archived: '已归档',
};

export const SOURCE_LABELS: Record<string, string> = {
  common: '共同科目',
  specialty: '考生本人业务条线',
  banks: '指定题库',
  regulations: '指定法规',
};

const ROSTER_STATE: Record<RosterPersonResponse['state'], string> = {
  'not-started': '未参加',
  'in-progress': '作答中',
  passed: '合格',
  failed: '不合格',
};

const ATTEMPT_STATUS: Record<RosterAttemptResponse['status'], string> = {
  'in-progress': '作答中',
  'awaiting-marking': '待阅卷',
  submitted: '已交卷',
  invalidated: '已作废',
};

export function examsPage(exams: ExamResponse[], canCreate: boolean): SafeHtml {
  return html`<h1>考试管理</h1>
    ${canCreate ? html`<p><a class="button primary" href="/app/exams/new">新建考试</a></p>` : ''}
    ${table(exams, [
      { head: '考试', cell: (e) => html`<a href="/app/exams/${e.id}">${e.title}</a>`, rowHeader: true },
      { head: '类别', cell: (e) => e.kindLabel },
      { head: '状态', cell: (e) => EXAM_STATUS_LABELS[e.status] },
      { head: '开放时间', cell: (e) => fmtDateTime(e.opensAt) },
      { head: '截止时间', cell: (e) => fmtDateTime(e.closesAt) },
    ])}`;
}

/** Extend (in progress), reopen (submitted) and invalidate (not yet invalidated) one attempt. */
function attemptActions(a: RosterAttemptResponse, examId: number, csrf: string | undefined): SafeHtml {
  const minutes = (verb: string, action: string) =>
    postForm(
      `/app/attempts/${a.id}/${action}`,
      csrf,
      html`${hidden('examId', examId)}
        <label for="${action}-${a.id}">${verb}（分钟）</label>
        ${input({
          id: `${action}-${a.id}`,
          name: 'minutes',
          type: 'number',
          min: 1,
          max: 600,
          value: 10,
          required: true,
        })}
        <label for="${action}-reason-${a.id}">原因</label>
        ${input({
          id: `${action}-reason-${a.id}`,
          name: 'reason',
          minlength: 2,
          maxlength: 500,
          required: true,
        })}
        <button type="submit">${verb}</button>`,
      'inline-form',
    );
  return html`${a.status === 'in-progress' ? minutes('延长时间', 'extend') : ''}
  ${a.status === 'submitted' ? minutes('重新开放', 'reopen') : ''}
  ${a.status !== 'invalidated'
    ? postForm(
        `/app/attempts/${a.id}/invalidate`,
        csrf,
        html`${hidden('examId', examId)}
          <label for="invalidate-${a.id}">作废原因</label>
          ${input({ id: `invalidate-${a.id}`, name: 'reason', minlength: 2, maxlength: 500, required: true })}
          <button type="submit">作废</button>`,
        'inline-form',
      )
    : ''}`;
}

function rosterSection(e: ExamResponse, r: ExamRosterResponse, csrf: string | undefined): SafeHtml {
  const count = (state: RosterPersonResponse['state']) => r.people.filter((p) => p.state === state).length;
  return html`<h2>考生名单（应考 ${r.shouldSit} 人）</h2>
    <p class="muted" id="roster-summary">
      实考 ${r.sat} 人（参考率 ${fmtPercent(r.participationRate)}）· 合格 ${r.passed} 人（合格率
      ${fmtPercent(r.passRate)}）· 作答中 ${count('in-progress')} 人 · 未参加 ${count('not-started')} 人
    </p>
    ${table(
      r.people,
      [
        { head: '姓名', cell: (p) => p.name, rowHeader: true },
        { head: '单位', cell: (p) => p.unitName ?? '' },
        { head: '状态', cell: (p) => ROSTER_STATE[p.state] },
        { head: '成绩', cell: (p) => p.grade ?? '—' },
        {
          head: '答卷',
          cell: (p) =>
            html`${p.attempts.map(
              (a) =>
                html`<div class="attempt">
                  第 ${a.attemptNo}
                  次：${ATTEMPT_STATUS[a.status]}${a.score !== null
                    ? ` · ${a.score} 分`
                    : ''}${a.invalidReason ? `（${a.invalidReason}）` : ''}
                  ${attemptActions(a, e.id, csrf)}
                </div>`,
            )}`,
        },
      ],
      { id: 'roster-table' },
    )}`;
}

/** Publishing asks first: what will be published, its total and what the trainer should know. */
export function publishConfirmPage(e: ExamResponse, csrf: string | undefined): SafeHtml {
  const t = totalsOf(e);
  return confirmForm({
    action: `/app/exams/${e.id}/publish`,
    csrf,
    question: `确认发布《${e.title}》？`,
    detail: html`<p>
        发布后考生即可在开放时间内参加考试，组卷规则不能再修改。满分 ${t.total} 分，及格
        ${e.blueprint?.passMark ?? '—'} 分。
      </p>
      ${t.warnings.length
        ? html`<ul class="warnings">
            ${t.warnings.map((w) => html`<li>${w}</li>`)}
          </ul>`
        : ''}`,
    yes: '确认发布',
    cancelHref: `/app/exams/${e.id}`,
  });
}

export function examDetailPage(
  e: ExamResponse,
  roster: Loaded<ExamRosterResponse>,
  csrf: string | undefined,
  canEdit: boolean,
  published?: { warnings: string[] },
): SafeHtml {
  const totals = totalsOf(e);
  return html`${published
      ? html`<div class="flash ok" role="status" id="publish-result">
          <p>考试已发布。</p>
          ${published.warnings.length
            ? html`<p>发布检查发现以下情况，请留意（考试已照常发布）：</p>
                <ul id="publish-warnings">
                  ${published.warnings.map((w) => html`<li>${w}</li>`)}
                </ul>`
            : ''}
        </div>`
      : ''}
    <h1>${e.title}</h1>
    <p class="muted">
      ${e.kindLabel} · ${EXAM_STATUS_LABELS[e.status]} · 满分 ${e.maxScore ?? '—'} · 及格
      ${e.blueprint?.passMark ?? '—'} ${e.timeLimitMinutes ? html` · 限时 ${e.timeLimitMinutes} 分钟` : ''} ·
      ${fmtDateTime(e.opensAt)} 至 ${fmtDateTime(e.closesAt)}
    </p>
    ${e.problem
      ? html`<p class="flash error" role="alert">考试配置已损坏：${e.problem}。请系统管理员修复或归档。</p>`
      : ''}
    <h2>组卷规则</h2>
    ${canEdit && e.status === 'draft' && totals.warnings.length
      ? html`<ul class="warnings" id="exam-total-warnings">
          ${totals.warnings.map((w) => html`<li>${w}</li>`)}
        </ul>`
      : ''}
    <ul>
      ${(e.blueprint?.parts ?? []).map(
        (p) =>
          html`<li>
            ${p.title}（${SOURCE_LABELS[p.source.kind] ?? p.source.kind}）：${p.rules
              .map((r) => `${QUESTION_TYPE_LABELS[r.type] ?? r.type} ${r.count} 题 × ${r.points} 分`)
              .join('，')}${p.passMark ? `；本部分 ${p.passMark} 分及格` : ''}
          </li>`,
      )}
    </ul>
    ${canEdit &&
    e.status !== 'draft' &&
    (e.blueprint?.parts ?? []).some((p) => p.rules.some((r) => isWrittenType(r.type)))
      ? html`<p>
          <a class="button primary" href="/app/exams/${e.id}/marking">阅卷</a>
          ${e.doubleMarking
            ? html`<span class="muted">双评，分差超过 ${e.markingTolerance} 分由第三人仲裁</span>`
            : ''}
        </p>`
      : ''}
    ${canEdit && e.status === 'draft'
      ? html`<div class="actions">
          <a class="button" href="/app/exams/${e.id}/edit">编辑草稿</a>
          ${postButton(`/app/exams/${e.id}/publish`, csrf, '发布考试', { primary: true })}
        </div>`
      : ''}
    ${roster.ok ? rosterSection(e, roster.value, csrf) : unavailable('考生名单', roster)}`;
}
