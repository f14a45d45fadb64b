/** 阅卷 pages for the exam's trainers: progress per question, then one answer at a time, blind. */
import type {
  MarkingItemResponse,
  MarkingProgressResponse,
  MarkingStatsResponse,
} from '../../exams/marking.response';
import { formatCitation } from '../../question-bank/parsers/citation';
import { postForm } from '../shared/form';
import { escapeHtml, html, raw, SafeHtml } from '../shared/html';
import { table } from '../shared/table';

const nextHref = (examId: number, q: { questionId: number; sub: number | null }) =>
  `/app/exams/${examId}/marking/next?questionId=${q.questionId}${q.sub === null ? '' : `&sub=${q.sub}`}`;

export function markingProgressPage(
  title: string,
  p: MarkingProgressResponse,
  stats: MarkingStatsResponse,
): SafeHtml {
  return html`<h1>阅卷：${title}</h1>
    <p class="muted">
      ${p.doubleMarking ? `双评（两人独立评分，总分相差超过 ${p.tolerance} 分由第三人仲裁）` : '单评'} ·
      已评定 ${p.final} / ${p.answers} 份答案 · 待阅卷答卷 ${p.attemptsAwaiting} 份
      ${p.complete ? html` · <strong>阅卷已完成，成绩已发布</strong>` : ''}
    </p>
    <p class="muted">
      答案以随机编号显示，不显示考生姓名、账号和单位；不能评阅本人的答卷。关键词高亮仅供参考，不自动计分。
    </p>
    ${table(
      p.questions,
      [
        { head: '题目', cell: (q) => q.label, rowHeader: true },
        { head: '答案数', cell: (q) => q.answers },
        { head: '已评定', cell: (q) => q.final },
        { head: '待仲裁', cell: (q) => q.third },
        {
          head: '待我评阅',
          cell: (q) =>
            q.forMe > 0 ? html`<a href="${nextHref(p.examId, q)}">开始阅卷（${q.forMe}）</a>` : '—',
        },
      ],
      { caption: '按题阅卷进度', empty: '本场考试还没有需要阅卷的答案' },
    )}
    ${table(
      p.markers,
      [
        { head: '阅卷人', cell: (m) => m.name, rowHeader: true },
        { head: '已评份数', cell: (m) => m.marks },
      ],
      { caption: '阅卷人进度', empty: '还没有人阅卷' },
    )}
    ${table(
      stats.questions,
      [
        { head: '题目', cell: (q) => q.label, rowHeader: true },
        { head: '满分', cell: (q) => q.maxPoints },
        { head: '已评定', cell: (q) => q.n },
        { head: '平均分', cell: (q) => q.mean ?? '—' },
        { head: '标准差', cell: (q) => q.sd ?? '—' },
      ],
      { caption: '主观题得分统计', empty: '暂无' },
    )}
    ${p.doubleMarking
      ? html`<p>
          双评一致性：${stats.pairs} 份双评答案，分差在 ${p.tolerance} 分以内的占
          ${stats.withinTolerance === null ? '—' : `${Math.round(stats.withinTolerance * 100)}%`}，平均分差
          ${stats.meanAbsDiff ?? '—'} 分
        </p>`
      : ''}`;
}

/** The answer with the rubric's key terms in <mark>, with no whitespace added (the box keeps the text's own). */
const highlighted = (item: MarkingItemResponse): SafeHtml =>
  raw(
    item.highlighted
      .map((h) => (h.term ? `<mark>${escapeHtml(h.text)}</mark>` : escapeHtml(h.text)))
      .join(''),
  );

export function markingItemPage(
  examId: number,
  item: MarkingItemResponse | null,
  remaining: number,
  csrf: string | undefined,
): SafeHtml {
  if (!item)
    return html`<h1>阅卷</h1>
      <p>本题已没有需要您评阅的答案。</p>
      <p><a class="button" href="/app/exams/${examId}/marking">返回阅卷进度</a></p>`;
  const back = `/app/exams/${examId}/marking/next?questionId=${item.questionId}${item.sub === null ? '' : `&sub=${item.sub}`}`;
  return html`<h1>阅卷 · 答案 ${item.markingId.slice(0, 8)}</h1>
    <p class="muted">
      本题还有 ${remaining} 份待您评阅 ·
      ${item.round === 3 ? '第三评（仲裁）' : item.round === 2 ? '第二评' : '第一评'} · 满分 ${item.maxPoints}
      分
    </p>
    <div class="marking-grid">
      <section aria-labelledby="answer-h">
        ${item.caseText ? html`<div class="case-text"><strong>案例：</strong>${item.caseText}</div>` : ''}
        <p class="stem"><strong>题目：</strong>${item.stem}</p>
        <h2 id="answer-h">考生作答</h2>
        <pre class="answer-text" id="answer-text">${highlighted(item)}</pre>
        <details>
          <summary>参考答案</summary>
          <p>${item.reference}</p>
        </details>
      </section>
      <section aria-labelledby="rubric-h">
        <h2 id="rubric-h">评分要点</h2>
        ${postForm(
          `/app/marking/${item.markingId}`,
          csrf,
          html`<input type="hidden" name="back" value="${back}" />
            <table class="rubric">
              <caption class="sr-only">
                按评分要点给分
              </caption>
              <thead>
                <tr>
                  <th scope="col">要点</th>
                  <th scope="col">得分</th>
                </tr>
              </thead>
              <tbody>
                ${item.rubric.map(
                  (r, i) =>
                    html`<tr>
                      <td>
                        <label for="award-${i}">${r.point}</label>
                        <div class="muted">
                          ${r.citation ? formatCitation(r.citation) : ''}
                          关键词：${r.keywords.join('、') || '—'}
                        </div>
                      </td>
                      <td>
                        <input
                          type="number"
                          id="award-${i}"
                          name="award"
                          min="0"
                          max="${r.points}"
                          step="0.5"
                          required
                        />
                        / ${r.points}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
            <label for="comment">评语（可选）</label>
            <textarea id="comment" name="comment" rows="3" maxlength="1000"></textarea>
            <div class="actions"><button type="submit" class="primary">提交评分</button></div>`,
        )}
      </section>
    </div>`;
}
