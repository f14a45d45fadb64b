import { CURRICULUM_LABELS } from '../../common/business-lines';
import type { NotebookEntryResponse } from '../../exams/practice.response';
import { select } from '../shared/form';
import { html, type SafeHtml } from '../shared/html';

export function notebookPage(entries: NotebookEntryResponse[]): SafeHtml {
  return html`<h1>错题本</h1>
    <p>答错的题目会记在这里；同一道题连续答对两次后自动移出。</p>
    ${entries.length === 0
      ? html`<p class="muted">错题本是空的。</p>`
      : html`<p>
            <a class="button primary" href="/app/practice?notebook=1">练习错题（${entries.length} 题）</a>
          </p>
          <p class="muted">点开一道错题即单独练习它：作答（或选“不会，看答案”）后显示正确答案和解析。</p>
          <ol class="review" id="notebook-items">
            ${entries.map(
              (e) =>
                html`<li>
                  <a class="tap" href="/app/practice?notebook=1&amp;question=${e.questionId}"
                    >${e.stem ?? `题目 ${e.questionId}`}</a
                  >
                  <span class="muted">（答错 ${e.timesMissed} 次）</span>
                </li>`,
            )}
          </ol>`}`;
}

/**
 * The practice page; practice.js asks the API for questions and shows them one at a time, each answer checked, then
 * a summary. With `question`, one notebook item is practised on its own (opened from 错题本).
 */
export function practicePage(notebook: boolean, question?: number): SafeHtml {
  return html`<h1>${question ? '错题' : notebook ? '错题练习' : '刷题练习'}</h1>
    <form id="practice-setup" class="inline-form" ${question ? html`data-question="${question}" hidden` : ''}>
      <label for="p-curriculum">科目</label>
      ${select({ id: 'p-curriculum', name: 'curriculum' }, [
        { value: '', label: '全部' },
        ...Object.entries(CURRICULUM_LABELS).map(([value, label]) => ({ value, label })),
      ])}
      <label for="p-count">题数</label>
      <input id="p-count" name="count" type="number" min="1" max="50" value="10" />
      <input type="hidden" name="notebook" value="${notebook ? '1' : ''}" />
      <button type="submit" class="primary">开始练习</button>
    </form>
    <div id="practice" aria-live="polite"></div>`;
}
