/** Question banks: the list with the upload widget, and the item statistics of a bank. */
import { CURRICULUM_LABELS } from '../../common/business-lines';
import type { BankHealthResponse, FlaggedQuestionResponse } from '../../exams/bank-health.response';
import { FEW_ANSWERS } from '../../exams/item-stats';
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
    <section aria-labelledby="banks-h" id="banks-section" data-refresh-after-import>
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
              <a href="/api/question-banks/${b.id}/export.txt">导出文本（.txt）</a> ·
              <a href="/app/banks/${b.id}/stats">题目统计</a> ·
              <a href="/app/banks/${b.id}/health">题库体检</a>`,
        },
      ])}
    </section>`;
}

const fixed2 = (v: number | null) => (v === null ? '—' : (Math.round(v * 100) / 100).toFixed(2));

export function itemStatsPage(bank: BankResponse, rows: ItemStatResponse[]): SafeHtml {
  return html`<h1>题目统计：${bank.title}</h1>
    <p class="muted">
      难度系数（答对率）过高或过低、区分度低于 0.2
      的题目建议复核。按区分度从低到高排列，尚无区分度的题目排在最后。 作答不足 ${FEW_ANSWERS}
      人次的数字仅供参考，标有“样本少”。
    </p>
    ${rows.length === 0
      ? html`<p>该题库的题目还没有作答记录。</p>`
      : table(
          rows,
          [
            { head: '编号', cell: (r) => r.questionId },
            { head: '题型', cell: (r) => (r.type ? QUESTION_TYPE_LABELS[r.type] : '') },
            { head: '题干', cell: (r) => html`<a href="/app/questions/${r.questionId}">${r.stem ?? ''}</a>` },
            { head: '出处', cell: (r) => `${r.regulation ?? ''}${r.article ? ` 第${r.article}条` : ''}` },
            {
              head: '作答人次',
              cell: (r) =>
                html`${r.timesShown}${r.timesShown < FEW_ANSWERS
                  ? html` <span class="tag few" title="作答不足 ${FEW_ANSWERS} 人次，数字仅供参考"
                      >样本少</span
                    >`
                  : ''}`,
            },
            { head: '答对率', cell: (r) => fmtPercent(r.facility) },
            {
              head: '区分度',
              cell: (r) =>
                html`${fixed2(r.discrimination)}${r.discrimination !== null &&
                r.discrimination < 0.2 &&
                r.timesShown >= FEW_ANSWERS
                  ? html` <span class="tag warn">偏低</span>`
                  : ''}`,
            },
          ],
          { id: 'item-stats-table' },
        )}
    <p><a href="/app/banks">返回题库</a></p>`;
}

const flaggedList = (id: string, caption: string, rows: FlaggedQuestionResponse[], empty: string) =>
  table(
    rows,
    [
      { head: '编号', cell: (q) => q.id },
      { head: '题干', cell: (q) => html`<a href="/app/questions/${q.id}">${q.stem}</a>`, rowHeader: true },
      { head: '作答人次', cell: (q) => q.n ?? 0 },
      { head: '答对率', cell: (q) => (q.facility === undefined ? '—' : fmtPercent(q.facility)) },
    ],
    { id, caption, empty },
  );

/** 题库体检: where the keys sit, true/false balance, all-correct multiple choice, never shown, too easy or hard. */
export function bankHealthPage(h: BankHealthResponse): SafeHtml {
  const positions = Object.keys(h.single.byPosition).sort();
  const share = (n: number, of: number) => (of ? fmtPercent(n / of) : '—');
  return html`<h1>题库体检：${h.title}</h1>
    <p class="muted">
      已审核题目 ${h.approved}
      道。答案位置过于集中、判断题“正确”过多或多选题全选过多，考生不读题也能凭规律得分；
      题目乱序发卷时选项按显示位置重新标号，但题库本身仍应均衡。
    </p>
    ${h.warnings.length
      ? html`<div class="flash error" role="alert" id="health-warnings">
          <p>发现以下问题：</p>
          <ul>
            ${h.warnings.map((w) => html`<li>${w}</li>`)}
          </ul>
        </div>`
      : html`<p class="flash ok" role="status" id="health-warnings">未发现答案分布问题。</p>`}
    <h2>单选题正确答案的位置（${h.single.count} 道）</h2>
    ${table(
      positions,
      [
        { head: '位置', cell: (p) => `${p} 项`, rowHeader: true },
        { head: '题数', cell: (p) => h.single.byPosition[p] },
        { head: '占比', cell: (p) => share(h.single.byPosition[p], h.single.count) },
      ],
      { id: 'health-positions', className: 'table compact', empty: '没有单选题。' },
    )}
    <h2>判断题与多选题</h2>
    ${table(
      [
        ['判断题答案为“正确”', h.trueFalse.trueCount, h.trueFalse.count],
        ['多选题全部选项都正确', h.multiple.allCorrect, h.multiple.count],
        ['多选题答案包含第一个选项', h.multiple.withFirstOption, h.multiple.count],
      ] as [string, number, number][],
      [
        { head: '项目', cell: (r) => r[0], rowHeader: true },
        { head: '题数', cell: (r) => `${r[1]} / ${r[2]}` },
        { head: '占比', cell: (r) => share(r[1], r[2]) },
      ],
      { id: 'health-balance', className: 'table compact' },
    )}
    <h2>作答情况</h2>
    ${flaggedList('health-easy', '几乎人人答对（答对率 ≥ 95%，至少 10 人次）', h.tooEasy, '没有。')}
    ${flaggedList(
      'health-hard',
      '几乎无人答对（答对率 ≤ 10%，至少 10 人次）：请核对答案和题干',
      h.tooHard,
      '没有。',
    )}
    <details>
      <summary>从未出现在试卷或练习中的题目（${h.neverShown.length} 道）</summary>
      ${flaggedList('health-never', '从未作答的题目', h.neverShown, '没有。')}
    </details>
    <p><a href="/app/banks">返回题库</a> · <a href="/app/banks/${h.bankId}/stats">题目统计</a></p>`;
}
