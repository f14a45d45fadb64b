import { BUSINESS_LINE_LABELS } from '../../common/business-lines';
import type { DirectoryEntryResponse } from '../../identity/user.response';
import { html, SafeHtml } from './html';

type StaffEntry = DirectoryEntryResponse;

/**
 * Staff as checkboxes grouped by unit, each group folded in a <details> so 60+ people fit a phone screen. Every
 * checkbox sits inside its own <label>, so each one is labelled.
 */
export function staffPicker(o: {
  people: StaffEntry[];
  name: string;
  selected: number[];
  legend: string;
  idPrefix: string;
}): SafeHtml {
  const groups = new Map<string, StaffEntry[]>();
  for (const p of o.people) {
    const key = p.unitName ?? '未分配单位';
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return html`<fieldset class="staff-picker">
    <legend>${o.legend}</legend>
    ${o.people.length === 0 ? html`<p class="muted">人员名单暂不可用。</p>` : ''}
    ${o.selected
      .filter((id) => !o.people.some((p) => p.id === id))
      .map(
        (id) =>
          html`<label class="checkbox"
            ><input type="checkbox" name="${o.name}" value="${id}" checked /> 编号
            ${id}（已停用或不在名单中）</label
          > `,
      )}
    ${[...groups.entries()].map(([unit, people], gi) => {
      const chosen = people.filter((p) => o.selected.includes(p.id)).length;
      return html`<details ${chosen ? 'open' : ''}>
        <summary>${unit}（${people.length} 人${chosen ? `，已选 ${chosen}` : ''}）</summary>
        <div role="group" aria-label="${unit}" class="staff-group">
          ${people.map(
            (p) =>
              html`<label class="checkbox" for="${o.idPrefix}-${gi}-${p.id}"
                ><input
                  type="checkbox"
                  id="${o.idPrefix}-${gi}-${p.id}"
                  name="${o.name}"
                  value="${p.id}"
                  ${o.selected.includes(p.id) ? 'checked' : ''}
                />
                ${p.name}<span class="muted"
                  >（${p.staffNo ?? `编号 ${p.id}`}${p.businessLines.length
                    ? `，${p.businessLines.map((l) => BUSINESS_LINE_LABELS[l]).join('、')}`
                    : ''}）</span
                ></label
              > `,
          )}
        </div>
      </details>`;
    })}
  </fieldset>`;
}
