import { fmtDateTime, fmtPercent, html, jsonScript, SafeHtml } from '../html';

export interface AvailableExam {
  id: number;
  title: string;
  kindLabel: string;
  window: string;
  timeLimitMinutes: number | null;
  closesAt: string | null;
  deadline: string | null;
  attemptsLeft: number | null;
  attemptsUsed: number;
  inProgressAttemptId: number | null;
  maxScore: number;
  passMark: number;
  questionCount: number;
}

export interface StudyProgress {
  year?: number;
  hours?: number;
  targetHours?: number;
  share?: number;
  met?: boolean;
  bySource?: { source: string; label: string; hours: number }[];
  [k: string]: unknown;
}

export interface MyCertificate {
  id: number;
  kindLabel: string;
  number: string;
  issuedOn: string;
  expiresOn: string;
  status: string;
  statusLabel: string;
}

export interface MyCampaign {
  id: number;
  title: string;
  kindLabel: string;
  startsOn: string;
  endsOn: string;
  requiredHours: number;
  assigned: boolean;
  mine: { hours: number; completed: boolean } | null;
}

function progressSection(progress: StudyProgress | null, notebookCount: number): SafeHtml {
  const ok = progress && typeof progress.hours === 'number';
  const target = ok && typeof progress.targetHours === 'number' ? progress.targetHours : null;
  const hours = ok ? (progress.hours as number) : 0;
  return html`<section aria-labelledby="study-h">
    <h2 id="study-h">${progress?.year ?? ''}年度学时</h2>
    ${ok
      ? html`<p id="study-hours">
            已完成 <strong>${hours.toFixed(1)}</strong> 学时${target !== null
              ? html` / 目标 ${target}
                学时（${fmtPercent(target ? hours / target : null)}）${progress.met
                  ? html` <span class="tag">已达标</span>`
                  : ''}`
              : ''}
          </p>
          ${target
            ? html`<progress
                class="progress"
                max="${target}"
                value="${Math.min(hours, target)}"
                aria-labelledby="study-h"
              ></progress>`
            : ''}
          ${(progress.bySource ?? []).some((s) => s.hours > 0)
            ? html`<p class="muted">
                ${(progress.bySource ?? [])
                  .filter((s) => s.hours > 0)
                  .map((s) => `${s.label} ${s.hours} 学时`)
                  .join(' · ')}
              </p>`
            : ''}`
      : html`<p class="muted">学时统计暂不可用。</p>`}
    <p>
      <a href="/app/study">去学法</a> · <a href="/app/practice">刷题练习</a> ·
      <a href="/app/notebook">错题本（${notebookCount} 题）</a>
    </p>
  </section>`;
}

function certificatesSection(certs: MyCertificate[] | null): SafeHtml {
  return html`<section aria-labelledby="certs-h">
    <h2 id="certs-h">我的证书</h2>
    ${certs === null
      ? html`<p class="muted">证书信息暂不可用。</p>`
      : certs.length === 0
        ? html`<p class="muted">暂无证书。行政执法资格考试合格后自动发证。</p>`
        : html`<div class="table-wrap">
            <table class="table" id="my-certificates">
              <thead>
                <tr>
                  <th scope="col">证书</th>
                  <th scope="col">编号</th>
                  <th scope="col">有效期</th>
                  <th scope="col">状态</th>
                  <th scope="col">打印</th>
                </tr>
              </thead>
              <tbody>
                ${certs.map(
                  (c) =>
                    html`<tr>
                      <th scope="row">${c.kindLabel}</th>
                      <td>${c.number}</td>
                      <td>${c.issuedOn} 至 ${c.expiresOn}</td>
                      <td>
                        ${c.status === 'valid'
                          ? c.statusLabel
                          : html`<span class="tag warn">${c.statusLabel}</span>`}
                      </td>
                      <td>
                        <a href="/api/certificates/${c.id}/print" target="_blank" rel="noopener"
                          >打印证书 ${c.number}</a
                        >
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
  </section>`;
}

function campaignsSection(campaigns: MyCampaign[] | null): SafeHtml {
  const mine = (campaigns ?? []).filter((c) => c.assigned);
  return html`<section aria-labelledby="campaigns-h">
    <h2 id="campaigns-h">学习活动</h2>
    ${campaigns === null
      ? html`<p class="muted">学习活动暂不可用。</p>`
      : mine.length === 0
        ? html`<p class="muted">目前没有需要参加的学习活动。</p>`
        : html`<ul class="cards">
            ${mine.map(
              (c) =>
                html`<li class="card">
                  <h3>${c.title}</h3>
                  <p class="muted">${c.kindLabel} · ${c.startsOn} 至 ${c.endsOn}</p>
                  <p>
                    要求 ${c.requiredHours}
                    学时${c.mine
                      ? html`，已完成 ${c.mine.hours} 学时
                        ${c.mine.completed
                          ? html`<span class="tag">已完成</span>`
                          : html`<span class="tag warn">未完成</span>`}`
                      : ''}
                  </p>
                </li>`,
            )}
          </ul>`}
  </section>`;
}

export function staffHome(
  exams: AvailableExam[],
  csrf: string,
  progress: StudyProgress | null,
  notebookCount: number,
  certs: MyCertificate[] | null = null,
  campaigns: MyCampaign[] | null = null,
): SafeHtml {
  return html`<h1>我的学习与考试</h1>
    <section aria-labelledby="exams-h">
      <h2 id="exams-h">待参加的考试</h2>
      ${exams.length === 0
        ? html`<p class="muted">目前没有需要参加的考试。</p>`
        : html`<ul class="cards">
            ${exams.map(
              (e) =>
                html`<li class="card">
                  <h3>${e.title}</h3>
                  <p class="muted">
                    ${e.kindLabel} · ${e.questionCount} 题 · 满分 ${e.maxScore} 分 · ${e.passMark} 分及格
                    ${e.timeLimitMinutes ? html` · 限时 ${e.timeLimitMinutes} 分钟` : ''}
                  </p>
                  <p>
                    截止时间：<strong>${fmtDateTime(e.deadline ?? e.closesAt)}</strong>
                    ${e.attemptsLeft !== null ? html` · 剩余作答次数 ${e.attemptsLeft}` : ''}
                    ${e.window === 'resit' ? html` · <span class="tag">补考</span>` : ''}
                  </p>
                  ${e.inProgressAttemptId
                    ? html`<a class="button primary" href="/app/attempts/${e.inProgressAttemptId}"
                        >继续作答</a
                      >`
                    : html`<form method="post" action="/app/exams/${e.id}/start">
                        <input type="hidden" name="_csrf" value="${csrf}" />
                        <button class="primary" type="submit">开始考试</button>
                      </form>`}
                </li>`,
            )}
          </ul>`}
    </section>
    ${progressSection(progress, notebookCount)} ${certificatesSection(certs)} ${campaignsSection(campaigns)}`;
}

export interface PaperQuestion {
  id: number;
  type: 'single' | 'multiple' | 'true-false' | 'fill-blank';
  stem: string;
  options: { key: string; text: string }[];
  blanks?: number;
  points: number;
  part: string;
  response: unknown;
  seq: number;
}

export interface Paper {
  id: number;
  examId: number;
  title: string;
  status: string;
  deadline: string | null;
  serverNow: string;
  maxFocusLoss: number | null;
  focusLossCount: number;
  parts: { key: string; title: string; maxScore: number; passMark: number | null }[];
  questions: PaperQuestion[];
  result?: AttemptResult;
}

export interface AttemptResult {
  attemptId: number;
  score: number;
  maxScore: number;
  passed: boolean;
  parts: {
    key: string;
    title: string;
    score: number;
    maxScore: number;
    passMark: number | null;
    passed: boolean;
  }[];
  submittedAt: string;
  submittedBy: string;
}

export const TYPE_LABELS: Record<string, string> = {
  single: '单选题',
  multiple: '多选题',
  'true-false': '判断题',
  'fill-blank': '填空题',
};

function questionInputs(q: PaperQuestion, n: number): SafeHtml {
  const name = `q${q.id}`;
  if (q.type === 'fill-blank') {
    const values = Array.isArray(q.response) ? (q.response as unknown[]) : [];
    return html`${Array.from({ length: q.blanks ?? 1 }, (_, i) => {
      const id = `${name}-b${i}`;
      return html`<label class="blank" for="${id}"
        >第 ${i + 1} 空
        <input
          type="text"
          id="${id}"
          name="${name}"
          data-blank="${i}"
          value="${String(values[i] ?? '')}"
          autocomplete="off"
        />
      </label>`;
    })}`;
  }
  const options =
    q.type === 'true-false'
      ? [
          { key: 'true', text: '正确' },
          { key: 'false', text: '错误' },
        ]
      : q.options;
  const chosen = (key: string): boolean => {
    if (q.type === 'true-false') return q.response !== null && String(q.response) === key;
    if (q.type === 'multiple') return Array.isArray(q.response) && (q.response as string[]).includes(key);
    return q.response === key;
  };
  const kind = q.type === 'multiple' ? 'checkbox' : 'radio';
  return html`${options.map(
    (o) =>
      html`<label class="option">
        <input
          type="${kind}"
          name="${name}"
          value="${o.key}"
          ${chosen(o.key) ? 'checked' : ''}
          aria-describedby="stem-${n}"
        />
        <span class="key">${q.type === 'true-false' ? '' : `${o.key}.`}</span> <span>${o.text}</span>
      </label>`,
  )}`;
}

export function examPage(p: Paper, csrf: string): SafeHtml {
  const partTitle = new Map(p.parts.map((x) => [x.key, x.title]));
  let lastPart = '';
  return html`<div id="exam" data-attempt="${p.id}" data-csrf="${csrf}">
    <div class="exam-bar" role="region" aria-label="考试状态">
      <h1 class="exam-title">${p.title}</h1>
      <div class="timer" aria-live="off">
        剩余时间 <strong id="countdown" role="timer" aria-atomic="true">--:--</strong>
      </div>
      <div id="save-status" class="save-status" role="status" aria-live="polite">答案已全部保存</div>
    </div>
    <nav class="navigator" aria-label="题目导航">
      <h2 class="sr-only">题目导航</h2>
      <ol>
        ${p.questions.map(
          (q, i) =>
            html`<li>
              <a href="#qq${q.id}" id="nav-${q.id}" class="nav-item" data-q="${q.id}"
                ><span class="num">${i + 1}</span><span class="sr-only state">未作答</span></a
              >
            </li>`,
        )}
      </ol>
      <p class="legend">
        <span class="nav-item answered">1</span> 已答 <span class="nav-item">2</span> 未答
        <span class="nav-item unsaved">3</span> 未保存
      </p>
    </nav>
    <form id="paper" class="paper" onsubmit="return false">
      ${p.questions.map((q, i) => {
        const header =
          q.part !== lastPart && p.parts.length > 1
            ? html`<h2 class="part-title">${partTitle.get(q.part) ?? q.part}</h2>`
            : '';
        lastPart = q.part;
        return html`${header}
          <fieldset class="question" id="qq${q.id}" data-q="${q.id}" data-type="${q.type}">
            <legend>
              <span class="qno">第 ${i + 1} 题</span> <span class="tag">${TYPE_LABELS[q.type]}</span>
              <span class="muted">${q.points} 分</span>
            </legend>
            <p class="stem" id="stem-${i + 1}">${q.stem}</p>
            <div class="options">${questionInputs(q, i + 1)}</div>
            <p class="q-status muted" aria-live="polite" id="qs-${q.id}">
              ${q.response === null ? '未作答' : '已保存'}
            </p>
          </fieldset>`;
      })}
      <div class="actions">
        <button type="button" class="primary" id="submit-btn">交卷</button>
      </div>
    </form>
    <dialog id="confirm" aria-labelledby="confirm-h">
      <h2 id="confirm-h">确认交卷</h2>
      <p id="confirm-text"></p>
      <div class="actions">
        <button type="button" id="confirm-cancel">返回检查</button>
        <button type="button" class="primary" id="confirm-ok">确认交卷</button>
      </div>
    </dialog>
    ${jsonScript('paper-data', {
      id: p.id,
      deadline: p.deadline,
      serverNow: p.serverNow,
      questions: p.questions.map((q) => ({
        id: q.id,
        type: q.type,
        seq: q.seq,
        answered: q.response !== null,
      })),
    })}
  </div>`;
}

const BY_LABELS: Record<string, string> = {
  candidate: '本人交卷',
  timer: '考试时间到，系统自动交卷',
  'focus-limit': '切屏次数超过上限，系统自动交卷',
};

export function resultPage(title: string, r: AttemptResult, reviewAllowed: boolean): SafeHtml {
  return html`<h1>${title} · 成绩</h1>
    <section class="result ${r.passed ? 'pass' : 'fail'}" aria-labelledby="score-h">
      <h2 id="score-h">总分 <strong id="total-score">${r.score}</strong> / ${r.maxScore}</h2>
      <p class="verdict" id="verdict">${r.passed ? '合格' : '不合格'}</p>
      <p class="muted">
        ${BY_LABELS[r.submittedBy] ?? r.submittedBy} · 交卷时间 ${fmtDateTime(r.submittedAt)}
      </p>
    </section>
    <table class="table">
      <caption>
        分部分得分
      </caption>
      <thead>
        <tr>
          <th scope="col">部分</th>
          <th scope="col">得分</th>
          <th scope="col">满分</th>
          <th scope="col">及格线</th>
          <th scope="col">结果</th>
        </tr>
      </thead>
      <tbody>
        ${r.parts.map(
          (p) =>
            html`<tr>
              <th scope="row">${p.title}</th>
              <td>${p.score}</td>
              <td>${p.maxScore}</td>
              <td>${p.passMark ?? '—'}</td>
              <td>${p.passMark === null ? '—' : p.passed ? '通过' : '未通过'}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <p>
      ${reviewAllowed
        ? html`<a class="button" href="/app/attempts/${r.attemptId}/review">查看答案解析</a>`
        : html`<span class="muted">本场考试暂不提供答案解析。</span>`}
      <a class="button" href="/app">返回首页</a>
    </p>`;
}

export interface ReviewQuestion {
  id: number;
  type: string;
  stem: string;
  options: { key: string; text: string }[];
  points: number;
  response: unknown;
  answer: unknown;
  explanation: string | null;
  score: number | null;
  state: string | null;
}

const showAnswer = (type: string, v: unknown): string => {
  if (v === null || v === undefined) return '未作答';
  if (type === 'true-false') return v === true || v === 'true' ? '正确' : '错误';
  if (Array.isArray(v))
    return v
      .map((x) => (Array.isArray(x) ? x.join(' / ') : String(x)))
      .join(type === 'fill-blank' ? '；' : '');
  return String(v);
};

const STATE_LABELS: Record<string, string> = {
  correct: '正确',
  wrong: '错误',
  partial: '部分正确',
  unanswered: '未作答',
};

export function reviewPage(title: string, questions: ReviewQuestion[]): SafeHtml {
  return html`<h1>${title} · 答案解析</h1>
    <ol class="review">
      ${questions.map(
        (q) =>
          html`<li class="question ${q.state ?? ''}">
            <p class="stem"><span class="tag">${TYPE_LABELS[q.type] ?? q.type}</span> ${q.stem}</p>
            ${q.options.length
              ? html`<ul class="plain">
                  ${q.options.map((o) => html`<li>${o.key}. ${o.text}</li>`)}
                </ul>`
              : ''}
            <p>
              你的答案：<strong>${showAnswer(q.type, q.response)}</strong> · 正确答案：<strong
                >${showAnswer(q.type, q.answer)}</strong
              >
              · ${STATE_LABELS[q.state ?? ''] ?? ''}（${q.score ?? 0}/${q.points} 分）
            </p>
            ${q.explanation ? html`<p class="explanation">解析：${q.explanation}</p>` : ''}
          </li>`,
      )}
    </ol>`;
}

export interface NotebookEntry {
  questionId: number;
  stem?: string;
  timesMissed?: number;
  [k: string]: unknown;
}

export function notebookPage(entries: NotebookEntry[]): SafeHtml {
  return html`<h1>错题本</h1>
    <p>答错的题目会记在这里；同一道题连续答对两次后自动移出。</p>
    ${entries.length === 0
      ? html`<p class="muted">错题本是空的。</p>`
      : html`<p>
            <a class="button primary" href="/app/practice?notebook=1">练习错题（${entries.length} 题）</a>
          </p>
          <ol class="review">
            ${entries.map(
              (e) =>
                html`<li>
                  ${e.stem ?? `题目 ${e.questionId}`}
                  <span class="muted">（答错 ${e.timesMissed ?? 1} 次）</span>
                </li>`,
            )}
          </ol>`}`;
}

export function practicePage(notebook: boolean): SafeHtml {
  return html`<h1>${notebook ? '错题练习' : '刷题练习'}</h1>
    <form id="practice-setup" class="inline-form">
      <label for="p-curriculum">科目</label>
      <select id="p-curriculum" name="curriculum">
        <option value="">全部</option>
        <option value="common">共同科目</option>
        <option value="resettlement">安置</option>
        <option value="rights">权益维护</option>
        <option value="care">优抚褒扬</option>
        <option value="employment">就业创业</option>
        <option value="retiree">军休</option>
        <option value="double-support">双拥</option>
      </select>
      <label for="p-count">题数</label>
      <input id="p-count" name="count" type="number" min="1" max="50" value="10" />
      <input type="hidden" name="notebook" value="${notebook ? '1' : ''}" />
      <button type="submit" class="primary">开始练习</button>
    </form>
    <div id="practice" aria-live="polite"></div>`;
}
