/** Question banks: the list with the upload widget, and the item statistics of a bank. */
import { CURRICULUM_LABELS } from '../../common/business-lines';
import type { ItemStatResponse } from '../../exams/practice.response';
import type { BankResponse } from '../../question-bank/question.response';
import { QUESTION_TYPE_LABELS } from '../../question-bank/question.types';
import { field, select } from '../shared/form';
import { fmtPercent, html, type SafeHtml } from '../shared/html';
import { table } from '../shared/table';
import { uploadWidget } from '../shared/upload';

export function banksPage(banks: BankResponse[]): SafeHtml {
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
        extraFields: field(
          'bank-id',
          '导入到题库',
          select({ id: 'bank-id', name: 'bankId' }, [
            { value: '', label: '按文件中的题库信息（新建或更新）' },
            ...banks.map((b) => ({ value: b.id, label: b.title })),
          ]),
        ),
      })}
    </section>
    <section aria-labelledby="banks-h">
      <h2 id="banks-h">全部题库（${banks.length}）</h2>
      ${table(banks, [
        {
          head: '题库',
          cell: (b) => html`<a href="/app/questions?bankId=${b.id}">${b.title}</a>`,
          rowHeader: true,
        },
        { head: '科目', cell: (b) => CURRICULUM_LABELS[b.curriculum] ?? b.curriculum },
        { head: '已审核', cell: (b) => b.counts.approved },
        { head: '草稿', cell: (b) => b.counts.draft },
        { head: '待复核', cell: (b) => b.counts.needsReview },
        {
          head: '导出与统计',
          cell: (b) =>
            html`<a href="/api/question-banks/${b.id}/export.xlsx">Excel</a> ·
              <a href="/api/question-banks/${b.id}/export.yaml">YAML</a> ·
              <a href="/app/banks/${b.id}/stats">题目统计</a>`,
        },
      ])}
    </section>`;
}

const fixed2 = (v: number | null) => (v === null ? '—' : (Math.round(v * 100) / 100).toFixed(2));

export function itemStatsPage(bank: BankResponse, rows: ItemStatResponse[]): SafeHtml {
  return html`<h1>题目统计：${bank.title}</h1>
    <p class="muted">难度系数（答对率）过高或过低、区分度低于 0.2 的题目建议复核。按区分度从低到高排列。</p>
    ${rows.length === 0
      ? html`<p>该题库的题目还没有作答记录。</p>`
      : table(
          rows,
          [
            { head: '编号', cell: (r) => r.questionId },
            { head: '题型', cell: (r) => (r.type ? QUESTION_TYPE_LABELS[r.type] : '') },
            { head: '题干', cell: (r) => html`<a href="/app/questions/${r.questionId}">${r.stem ?? ''}</a>` },
            { head: '出处', cell: (r) => `${r.regulation ?? ''}${r.article ? ` 第${r.article}条` : ''}` },
            { head: '作答人次', cell: (r) => r.timesShown },
            { head: '答对率', cell: (r) => fmtPercent(r.facility) },
            {
              head: '区分度',
              cell: (r) =>
                html`${fixed2(r.discrimination)}${r.discrimination !== null && r.discrimination < 0.2
                  ? html` <span class="tag warn">偏低</span>`
                  : ''}`,
            },
          ],
          { id: 'item-stats-table' },
        )}
    <p><a href="/app/banks">返回题库</a></p>`;
}
