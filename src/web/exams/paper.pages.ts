/** The candidate's pages: the exam (exam.js runs the clock and saves), the result and the review. */
import type {
  AttemptResultResponse,
  PaperQuestionResponse,
  PaperResponse,
  ReviewQuestionResponse,
} from '../../exams/attempt.response';
import {
  isWrittenType,
  QUESTION_TYPE_LABELS,
  type CaseKey,
  type WrittenKey,
} from '../../question-bank/question.types';
import { fmtDateTime, html, jsonScript, SafeHtml } from '../shared/html';
import { table } from '../shared/table';

/** A text box for a written answer, with its character count (the server enforces the limit too). */
function textBox(id: string, name: string, value: unknown, maxLength: number, label: string): SafeHtml {
  const text = typeof value === 'string' ? value : '';
  return html`<label class="written" for="${id}"
      ><span class="sr-only">${label}</span>
      <textarea id="${id}" name="${name}" rows="6" maxlength="${maxLength}" data-max="${maxLength}">
${text}</textarea
      >
    </label>
    <p class="counter muted" aria-live="polite" data-counter-for="${id}">
      已写 <span class="count">${Array.from(text).length}</span> / ${maxLength} 字
    </p>`;
}

/** A case (案例分析题): the case text once, then each sub-question with its own inputs. */
function caseInputs(q: PaperQuestionResponse, n: number): SafeHtml {
  const responses = Array.isArray(q.response) ? (q.response as unknown[]) : [];
  return html`${(q.subQuestions ?? []).map((sub, i) => {
    const inner: PaperQuestionResponse = {
      ...q,
      id: q.id,
      type: sub.type,
      stem: sub.stem,
      options: sub.options,
      blanks: sub.blanks,
      response: responses[i] ?? null,
    };
    return html`<div class="sub-question" data-sub="${i}" data-subtype="${sub.type}">
      <p class="stem" id="stem-${n}-${i}">
        （${i + 1}）<span class="tag">${QUESTION_TYPE_LABELS[sub.type]}</span> ${sub.stem}
        <span class="muted">${sub.points} 分</span>
      </p>
      ${sub.type === 'short-answer'
        ? textBox(`q${q.id}-s${i}`, `q${q.id}-s${i}`, responses[i], q.maxLength ?? 2000, `第${i + 1}小题作答`)
        : questionInputs(inner, n, `q${q.id}-s${i}`, `stem-${n}-${i}`)}
    </div>`;
  })}`;
}

function questionInputs(
  q: PaperQuestionResponse,
  n: number,
  name = `q${q.id}`,
  stemId = `stem-${n}`,
): SafeHtml {
  if (q.type === 'short-answer')
    return textBox(`${name}-text`, name, q.response, q.maxLength ?? 2000, '作答');
  if (q.type === 'case') return caseInputs(q, n);
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
          aria-describedby="${stemId}"
        />
        <span class="key">${q.type === 'true-false' ? '' : `${o.key}.`}</span> <span>${o.text}</span>
      </label>`,
  )}`;
}

export function examPage(p: PaperResponse, csrf: string | undefined): SafeHtml {
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
              <span class="qno">第 ${i + 1} 题</span> <span class="tag">${QUESTION_TYPE_LABELS[q.type]}</span>
              <span class="muted">${q.points} 分</span>
            </legend>
            ${q.type === 'case'
              ? html`<div class="case-text" id="stem-${i + 1}"><strong>案例：</strong>${q.stem}</div>`
              : html`<p class="stem" id="stem-${i + 1}">${q.stem}</p>`}
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

export function resultPage(title: string, r: AttemptResultResponse, reviewAllowed: boolean): SafeHtml {
  if (r.awaitingMarking)
    return html`<h1>${title} · 待阅卷</h1>
      <section class="result pending" aria-labelledby="score-h">
        <h2 id="score-h">待阅卷</h2>
        <p>
          客观题得分 <strong id="total-score">${r.score}</strong> 分（总分 ${r.maxScore}
          分）。简答题、案例分析题阅卷完成后公布成绩和是否合格。
        </p>
        <p class="muted">
          ${BY_LABELS[r.submittedBy] ?? r.submittedBy} · 交卷时间 ${fmtDateTime(r.submittedAt)}
        </p>
      </section>
      <p><a class="button" href="/app">返回首页</a></p>`;
  return html`<h1>${title} · 成绩</h1>
    <section class="result ${r.passed ? 'pass' : 'fail'}" aria-labelledby="score-h">
      <h2 id="score-h">总分 <strong id="total-score">${r.score}</strong> / ${r.maxScore}</h2>
      <p class="verdict" id="verdict">${r.passed ? '合格' : '不合格'}</p>
      <p class="muted">
        ${BY_LABELS[r.submittedBy] ?? r.submittedBy} · 交卷时间 ${fmtDateTime(r.submittedAt)}
      </p>
    </section>
    ${table(
      r.parts,
      [
        { head: '部分', cell: (p) => p.title, rowHeader: true },
        { head: '得分', cell: (p) => p.score },
        { head: '满分', cell: (p) => p.maxScore },
        { head: '及格线', cell: (p) => p.passMark ?? '—' },
        { head: '结果', cell: (p) => (p.passMark === null ? '—' : p.passed ? '通过' : '未通过') },
      ],
      { caption: '分部分得分', bare: true },
    )}
    <p>
      ${reviewAllowed
        ? html`<a class="button" href="/app/attempts/${r.attemptId}/review">查看答案解析</a>`
        : html`<span class="muted">本场考试暂不提供答案解析。</span>`}
      <a class="button" href="/app">返回首页</a>
    </p>`;
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

/** A written question's review: the candidate's text, the reference answer, and the rubric points earned. */
function writtenReview(q: ReviewQuestionResponse): SafeHtml {
  const earned = new Map((q.earned ?? []).map((e) => [e.sub ?? -1, e]));
  const one = (text: unknown, key: WrittenKey, sub: number) => {
    const e = earned.get(sub);
    return html`<p>你的答案：${typeof text === 'string' && text.trim() ? text : '未作答'}</p>
      <p>参考答案：${key.reference}</p>
      <table class="rubric">
        <caption class="sr-only">
          评分要点得分
        </caption>
        <thead>
          <tr>
            <th scope="col">评分要点</th>
            <th scope="col">得分</th>
          </tr>
        </thead>
        <tbody>
          ${key.rubric.map(
            (r, i) =>
              html`<tr>
                <td>${r.point}</td>
                <td>${e ? (e.awards[i] ?? 0) : '—'} / ${r.points}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
  };
  if (q.type === 'short-answer') return one(q.response, q.answer as WrittenKey, -1);
  const key = q.answer as CaseKey;
  const responses = Array.isArray(q.response) ? (q.response as unknown[]) : [];
  return html`${key.questions.map(
    (sub, i) =>
      html`<div class="sub-question">
        <p class="stem">
          （${i + 1}）${sub.stem} ${q.subPoints ? html`<span class="muted">${q.subPoints[i]} 分</span>` : ''}
        </p>
        ${sub.type === 'short-answer'
          ? html`${one(responses[i], sub.answer as WrittenKey, i)}
            ${q.subPoints && q.subPoints[i] !== sub.points
              ? html`<p class="muted">
                  评分要点合计 ${sub.points} 分，按本小题 ${q.subPoints[i]} 分折算计入得分。
                </p>`
              : ''}`
          : html`<p>
              你的答案：<strong>${showAnswer(sub.type, responses[i] ?? null)}</strong> · 正确答案：<strong
                >${showAnswer(sub.type, sub.answer)}</strong
              >
            </p>`}
        ${sub.explanation ? html`<p class="explanation">解析：${sub.explanation}</p>` : ''}
      </div>`,
  )}`;
}

const STATE_LABELS: Record<string, string> = {
  correct: '正确',
  wrong: '错误',
  partial: '部分正确',
  unanswered: '未作答',
};

export function reviewPage(title: string, questions: ReviewQuestionResponse[]): SafeHtml {
  return html`<h1>${title} · 答案解析</h1>
    <ol class="review">
      ${questions.map(
        (q) =>
          html`<li class="question ${q.state ?? ''}">
            <p class="stem"><span class="tag">${QUESTION_TYPE_LABELS[q.type] ?? q.type}</span> ${q.stem}</p>
            ${q.options.length
              ? html`<ul class="plain">
                  ${q.options.map((o) => html`<li>${o.key}. ${o.text}</li>`)}
                </ul>`
              : ''}
            ${isWrittenType(q.type)
              ? html`${writtenReview(q)}
                  <p>得分：${q.score ?? 0}/${q.points} 分</p>`
              : html`<p>
                  你的答案：<strong>${showAnswer(q.type, q.response)}</strong> · 正确答案：<strong
                    >${showAnswer(q.type, q.answer)}</strong
                  >
                  · ${STATE_LABELS[q.state ?? ''] ?? ''}（${q.score ?? 0}/${q.points} 分）
                </p>`}
            ${q.explanation ? html`<p class="explanation">解析：${q.explanation}</p>` : ''}
          </li>`,
      )}
    </ol>`;
}
