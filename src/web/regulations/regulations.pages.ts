/** Law versions (废、改、立): the catalogue, one document's versions, a new version upload, repeal. */
import { CURRICULUM_LABELS } from '../../common/business-lines';
import type { RegulationDetailResponse, RegulationResponse } from '../../curriculum/regulation.response';
import { checkboxField, field, input, postForm } from '../shared/form';
import { html, type SafeHtml } from '../shared/html';
import { table } from '../shared/table';
import { uploadWidget } from '../shared/upload';

export function regulationsPage(regs: RegulationResponse[]): SafeHtml {
  return html`<h1>法规版本管理</h1>
    <p class="muted">
      上传新版本文本（先预览条文变化，再确认保存），或登记废止。受影响条文的题目会标记为待复核。
    </p>
    ${table(
      regs,
      [
        {
          head: '法规',
          cell: (r) => html`<a href="/app/regulations/${r.code}">${r.title}</a>`,
          rowHeader: true,
        },
        { head: '科目', cell: (r) => CURRICULUM_LABELS[r.curriculum] ?? r.curriculum },
        { head: '现行版本', cell: (r) => r.currentVersion ?? '—' },
        { head: '状态', cell: (r) => r.statusLabel },
      ],
      { id: 'regulations-table' },
    )}`;
}

const date = (id: string, label: string, name: string, required = false) =>
  field(id, label, input({ id, name, type: 'date', required }));

export function regulationPage(r: RegulationDetailResponse, csrf: string | undefined): SafeHtml {
  return html`<h1>${r.title}</h1>
    <p class="muted">${r.statusLabel}${r.currentVersion ? ` · 现行版本 ${r.currentVersion}` : ''}</p>
    <h2>版本历史</h2>
    <ol>
      ${r.versions.map(
        (v) =>
          html`<li>
            ${v.label}${v.effectiveOn ? `（${v.effectiveOn} 施行）` : ''} · ${v.articleCount}
            条${v.excerpt ? '（节选）' : ''}
          </li>`,
      )}
    </ol>
    <section aria-labelledby="version-h">
      <h2 id="version-h">上传新版本</h2>
      ${uploadWidget({
        endpoint: `/api/regulations/${r.code}/versions`,
        dryRunField: true,
        label: '条文文本（.txt / .md / .docx）',
        accept: '.txt,.md,.docx',
        checkLabel: '预览条文变化（不保存）',
        confirmLabel: '确认保存新版本',
        extraFields: html`<div class="grid2">
            ${field(
              'v-label',
              '版本名称',
              input({ id: 'v-label', name: 'label', placeholder: '如：2026年修正', required: true }),
            )}
            ${date('v-adopted', '通过日期', 'adoptedOn')} ${date('v-effective', '施行日期', 'effectiveOn')}
            ${field('v-note', '说明', input({ id: 'v-note', name: 'note', maxlength: 2000 }))}
          </div>
          ${checkboxField('v-excerpt', 'excerpt', '节选（只含部分条文）', false, 'true')}`,
      })}
    </section>
    ${r.status !== 'repealed'
      ? html`<section aria-labelledby="repeal-h">
          <h2 id="repeal-h">登记废止</h2>
          ${postForm(
            `/app/regulations/${r.code}/repeal`,
            csrf,
            html`<div class="grid2">
                ${date('r-date', '废止日期', 'repealedOn', true)}
                ${field('r-by', '替代文件（名称或代码，可空）', input({ id: 'r-by', name: 'replacedBy' }))}
              </div>
              ${field('r-note', '说明', input({ id: 'r-note', name: 'note', maxlength: 2000 }))}
              <div class="actions">
                <button type="submit">登记废止（引用本文件的题目将标记待复核）</button>
              </div>`,
            'stacked',
          )}
        </section>`
      : html`<p>本文件已于 ${r.repealedOn ?? ''} 废止。</p>`}`;
}
