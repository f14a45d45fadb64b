import { fmtDateTime, html, SafeHtml } from '../html';
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
              <th scope="col">导出</th>
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
                    <a href="/api/question-banks/${b.id}/export.yaml">YAML</a>
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

export interface ExamRow {
  id: number;
  title: string;
  kindLabel: string;
  status: string;
  maxScore: number;
  timeLimitMinutes: number | null;
  opensAt: string | null;
  closesAt: string | null;
  parts: { key: string; title: string; maxScore: number; passMark: number | null }[];
  blueprint: {
    passMark: number;
    parts: { title: string; rules: { type: string; count: number; points: number }[] }[];
  };
}

const EXAM_STATUS: Record<string, string> = { draft: '草稿', published: '已发布', archived: '已归档' };

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

export interface RosterRow {
  userId: number;
  name: string;
  unitName?: string | null;
  state: string;
  score?: number | null;
  attempts?: number;
  [k: string]: unknown;
}

const ROSTER_STATE: Record<string, string> = {
  'not-started': '未参加',
  'in-progress': '作答中',
  passed: '合格',
  failed: '不合格',
};

export function examDetailPage(
  e: ExamRow,
  roster: RosterRow[] | null,
  csrf: string,
  canEdit: boolean,
): SafeHtml {
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
            ${p.title}：${p.rules
              .map((r) => `${TYPE_LABELS[r.type] ?? r.type} ${r.count} 题 × ${r.points} 分`)
              .join('，')}
          </li>`,
      )}
    </ul>
    ${canEdit && e.status === 'draft'
      ? html`<form method="post" action="/app/exams/${e.id}/publish">
          <input type="hidden" name="_csrf" value="${csrf}" />
          <button type="submit" class="primary">发布考试</button>
        </form>`
      : ''}
    ${roster
      ? html`<h2>考生名单（${roster.length} 人）</h2>
          <p class="muted">
            合格 ${roster.filter((r) => r.state === 'passed').length} 人 · 不合格
            ${roster.filter((r) => r.state === 'failed').length} 人 · 作答中
            ${roster.filter((r) => r.state === 'in-progress').length} 人 · 未参加
            ${roster.filter((r) => r.state === 'not-started').length} 人
          </p>
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">姓名</th>
                  <th scope="col">单位</th>
                  <th scope="col">状态</th>
                  <th scope="col">成绩</th>
                </tr>
              </thead>
              <tbody>
                ${roster.map(
                  (r) =>
                    html`<tr>
                      <th scope="row">${r.name}</th>
                      <td>${r.unitName ?? ''}</td>
                      <td>${ROSTER_STATE[r.state] ?? r.state}</td>
                      <td>${r.score ?? '—'}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
      : ''}`;
}

const RULE_TYPES = ['single', 'multiple', 'true-false', 'fill-blank'] as const;

function partFieldset(
  n: number,
  banks: Bank[],
  defaults: { title: string; source: string; counts: number[]; points: number[] },
) {
  return html`<fieldset class="part">
    <legend>第 ${n} 部分${n > 1 ? '（可选，资格考试的专门知识部分）' : ''}</legend>
    <div class="field">
      <label for="p${n}-title">名称</label
      ><input id="p${n}-title" name="p${n}_title" value="${defaults.title}" ${n === 1 ? 'required' : ''} />
    </div>
    <div class="field">
      <label for="p${n}-source">题目来源</label>
      <select id="p${n}-source" name="p${n}_source">
        <option value="common" ${defaults.source === 'common' ? 'selected' : ''}>共同科目</option>
        <option value="specialty" ${defaults.source === 'specialty' ? 'selected' : ''}>
          考生本人业务条线
        </option>
        <option value="banks">指定题库</option>
      </select>
    </div>
    <div class="field">
      <label for="p${n}-banks">指定题库（来源为“指定题库”时，可多选）</label>
      <select id="p${n}-banks" name="p${n}_banks" multiple size="4">
        ${banks.map((b) => html`<option value="${b.id}">${b.title}</option>`)}
      </select>
    </div>
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
                  aria-label="${TYPE_LABELS[t]}题数"
                  name="p${n}_${t}_count"
                  type="number"
                  min="0"
                  value="${defaults.counts[i]}"
                />
              </td>
              <td>
                <input
                  aria-label="${TYPE_LABELS[t]}分值"
                  name="p${n}_${t}_points"
                  type="number"
                  min="0"
                  step="0.5"
                  value="${defaults.points[i]}"
                />
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    <div class="field">
      <label for="p${n}-pass">本部分及格分（可空）</label
      ><input id="p${n}-pass" name="p${n}_pass" type="number" min="0" />
    </div>
  </fieldset>`;
}

export function examNewPage(banks: Bank[], csrf: string): SafeHtml {
  return html`<h1>新建考试</h1>
    <form method="post" action="/app/exams" class="stacked">
      <input type="hidden" name="_csrf" value="${csrf}" />
      <div class="field">
        <label for="x-title">考试名称</label><input id="x-title" name="title" required />
      </div>
      <div class="field">
        <label for="x-kind">类别</label>
        <select id="x-kind" name="kind">
          <option value="law-study">学法用法考试</option>
          <option value="quarterly">季度考核</option>
          <option value="annual">年度考核</option>
          <option value="onboarding">任职培训</option>
          <option value="qualification">行政执法资格考试</option>
        </select>
      </div>
      <div class="grid2">
        <div class="field">
          <label for="x-limit">限时（分钟）</label
          ><input id="x-limit" name="timeLimitMinutes" type="number" min="1" value="60" />
        </div>
        <div class="field">
          <label for="x-pass">及格分</label
          ><input id="x-pass" name="passMark" type="number" min="0" value="60" required />
        </div>
        <div class="field">
          <label for="x-open">开放时间</label><input id="x-open" name="opensAt" type="datetime-local" />
        </div>
        <div class="field">
          <label for="x-close">截止时间</label><input id="x-close" name="closesAt" type="datetime-local" />
        </div>
        <div class="field">
          <label for="x-attempts">允许作答次数（0 为不限）</label
          ><input id="x-attempts" name="attemptsAllowed" type="number" min="0" value="1" />
        </div>
        <div class="field">
          <label for="x-review">答案解析</label>
          <select id="x-review" name="reviewPolicy">
            <option value="after-submit">交卷后可看</option>
            <option value="after-close">考试结束后可看</option>
            <option value="never">不提供</option>
          </select>
        </div>
      </div>
      <div class="field checkbox">
        <input id="x-enf" name="enforcementOnly" type="checkbox" value="1" /><label for="x-enf"
          >仅限执法岗位人员参加</label
        >
      </div>
      ${partFieldset(1, banks, {
        title: '共同科目',
        source: 'common',
        counts: [20, 10, 10, 0],
        points: [2, 3, 2, 2],
      })}
      ${partFieldset(2, banks, {
        title: '',
        source: 'specialty',
        counts: [0, 0, 0, 0],
        points: [2, 3, 2, 2],
      })}
      <div class="actions"><button type="submit" class="primary">保存草稿</button></div>
    </form>`;
}
