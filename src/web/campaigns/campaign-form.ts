/** The campaign and group-study forms' fields as the API's DTOs, and the study-materials fieldset they share. */
import type { CreateCampaignDto, CreateGroupStudyDto } from '../../study/dto/study.dto';
import type { MaterialGroupResponse } from '../../study/material.response';
import { checkList, defined, ids, many, numberOf, one, type FormFields } from '../shared/form';
import { html, type SafeHtml } from '../shared/html';

/** Selected study materials: regulation codes and material ids; left out when none are chosen. */
function materialsFromForm(form: FormFields) {
  const regulations = many(form.regulations)
    .map((x) => x.trim())
    .filter(Boolean);
  const materialIds = ids(form.materialIds);
  return regulations.length || materialIds.length ? { materials: { regulations, materialIds } } : {};
}

export function campaignFromForm(form: FormFields): Partial<CreateCampaignDto> {
  return {
    title: one(form.title),
    kind: (one(form.kind) || 'law-month') as CreateCampaignDto['kind'],
    startsOn: one(form.startsOn),
    endsOn: one(form.endsOn),
    requiredHours: Number(one(form.requiredHours) || 0),
    audience: {
      unitIds: ids(form.unitIds),
      lines: many(form.lines).filter(Boolean),
      enforcementOnly: one(form.enforcementOnly) === '1',
      userIds: ids(form.userIds),
    },
    ...defined({ description: one(form.description) }),
    ...materialsFromForm(form),
  };
}

export function groupStudyFromForm(form: FormFields): Partial<CreateGroupStudyDto> {
  return {
    heldOn: one(form.heldOn),
    topic: one(form.topic),
    minutes: Number(one(form.minutes) || 0),
    attendeeIds: ids(form.attendeeIds),
    ...defined({
      campaignId: /^\d+$/.test(one(form.campaignId)) ? numberOf(form.campaignId) : undefined,
      note: one(form.note),
    }),
    ...materialsFromForm(form),
  };
}

/** Regulations and materials to choose from, by curriculum: checkbox lists (a tap each on a phone), not list boxes. */
export function materialsFieldset(groups: MaterialGroupResponse[], prefix: string): SafeHtml {
  const regs = groups.flatMap((g) =>
    g.regulations.map((r) => ({ value: r.code, label: `${g.label}：${r.title}` })),
  );
  const mats = groups.flatMap((g) =>
    g.materials.map((m) => ({ value: m.id, label: `${g.label}：${m.title}` })),
  );
  return html`<fieldset>
    <legend>学习材料（不选则活动期间的任何学习都计入）</legend>
    <div class="grid2">
      ${checkList({ id: `${prefix}-regs`, legend: '法规（可多选）', name: 'regulations', choices: regs })}
      ${checkList({
        id: `${prefix}-mats`,
        legend: '案例与学习资料（可多选）',
        name: 'materialIds',
        choices: mats,
      })}
    </div>
  </fieldset>`;
}

/** What a campaign or session asks to study: the regulations' titles and how many materials. */
export function materialsText(m: { regulations: { title: string }[]; materialIds: number[] }): string {
  const regs = m.regulations.map((r) => r.title).join('、');
  const mats = m.materialIds.length ? `${regs ? '；' : ''}学习资料 ${m.materialIds.length} 篇` : '';
  return `${regs}${mats}`;
}
