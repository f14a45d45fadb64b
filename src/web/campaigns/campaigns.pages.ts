/** Study campaigns (法规学习月 …): the list, the form, completion per unit and person; and group study (集体学法). */
import { BUSINESS_LINE_LABELS } from '../../common/business-lines';
import type { DirectoryEntryResponse } from '../../identity/user.response';
import type { UnitNodeResponse } from '../../organization/unit.response';
import { CAMPAIGN_KIND_LABELS } from '../../study/campaign.entity';
import type { MaterialGroupResponse } from '../../study/material.response';
import type {
  CampaignCompletionResponse,
  CampaignResponse,
  CampaignWithMineResponse,
  GroupStudyResponse,
} from '../../study/study.response';
import { barChart } from '../shared/chart';
import {
  checkboxField,
  checkboxGroup,
  checkList,
  csrfField,
  field,
  input,
  select,
  submitButton,
  textarea,
} from '../shared/form';
import { fmtPercent, html, type SafeHtml } from '../shared/html';
import { staffPicker } from '../shared/staff-picker';
import { table } from '../shared/table';
import { flatUnits } from '../shared/units';
import { materialsFieldset, materialsText } from './campaign-form';

const doneTag = (done: boolean) =>
  done ? html`<span class="tag">已完成</span>` : html`<span class="tag warn">未完成</span>`;

function audienceText(a: CampaignResponse['audience'], units: Map<number, string>): string {
  const parts: string[] = [];
  if (a.unitIds.length) parts.push(`单位：${a.unitIds.map((id) => units.get(id) ?? `#${id}`).join('、')}`);
  if (a.lines.length) parts.push(`条线：${a.lines.map((l) => BUSINESS_LINE_LABELS[l] ?? l).join('、')}`);
  if (a.enforcementOnly) parts.push('仅执法岗位');
  if (a.userIds.length) parts.push(`另加 ${a.userIds.length} 人`);
  return parts.length ? parts.join('；') : '全体人员';
}

export function campaignsPage(o: {
  campaigns: CampaignWithMineResponse[];
  canCreate: boolean;
  canSeeCompletion: boolean;
  units: UnitNodeResponse[];
}): SafeHtml {
  const unitNames = new Map(flatUnits(o.units).map((u) => [u.unit.id, u.unit.name]));
  return html`<h1>学习活动</h1>
    <p class="muted">
      法规学习月、纪律教育学习月等专题学习活动：在活动日期内学习指定材料、参加集体学法，计入活动学时。
    </p>
    ${o.canCreate
      ? html`<p>
          <a class="button primary" href="/app/campaigns/new">新建学习活动</a>
          <a class="button" href="/app/group-studies">登记集体学法</a>
        </p>`
      : ''}
    ${o.campaigns.length === 0
      ? html`<p class="muted">暂无学习活动。</p>`
      : table(o.campaigns, [
          {
            head: '活动',
            cell: (c) =>
              o.canSeeCompletion ? html`<a href="/app/campaigns/${c.id}">${c.title}</a>` : c.title,
            rowHeader: true,
          },
          { head: '类别', cell: (c) => c.kindLabel },
          { head: '日期', cell: (c) => `${c.startsOn} 至 ${c.endsOn}` },
          { head: '要求学时', cell: (c) => c.requiredHours },
          { head: '参学范围', cell: (c) => audienceText(c.audience, unitNames) },
          {
            head: '学习材料',
            cell: (c) => materialsText(c.materials) || html`<span class="muted">不限</span>`,
          },
          {
            head: '我的进度',
            cell: (c) =>
              !c.assigned
                ? html`<span class="muted">不在参学范围</span>`
                : c.mine
                  ? html`${c.mine.hours} 学时 ${doneTag(c.mine.completed)}`
                  : '—',
          },
        ])}`;
}

export function campaignFormPage(o: {
  csrf: string | undefined;
  units: UnitNodeResponse[];
  materials: MaterialGroupResponse[];
  people: DirectoryEntryResponse[];
}): SafeHtml {
  return html`<h1>新建学习活动</h1>
    <form method="post" action="/app/campaigns" class="stacked">
      ${csrfField(o.csrf)}
      ${field(
        'c-title',
        '活动名称',
        input({
          id: 'c-title',
          name: 'title',
          required: true,
          minlength: 2,
          maxlength: 200,
          placeholder: '如：2026年法规学习月',
        }),
      )}
      <div class="grid2">
        ${field(
          'c-kind',
          '类别',
          select(
            { id: 'c-kind', name: 'kind' },
            Object.entries(CAMPAIGN_KIND_LABELS).map(([value, label]) => ({ value, label })),
          ),
        )}
        ${field(
          'c-hours',
          '要求学时',
          input({
            id: 'c-hours',
            name: 'requiredHours',
            type: 'number',
            min: 0,
            max: 1000,
            step: 0.5,
            value: 4,
            required: true,
          }),
        )}
        ${field(
          'c-start',
          '开始日期',
          input({ id: 'c-start', name: 'startsOn', type: 'date', required: true }),
        )}
        ${field('c-end', '结束日期', input({ id: 'c-end', name: 'endsOn', type: 'date', required: true }))}
      </div>
      ${field(
        'c-desc',
        '说明（可选）',
        textarea({ id: 'c-desc', name: 'description', rows: 3, maxlength: 5000 }, ''),
      )}
      <fieldset>
        <legend>参学人员（同时满足所选条件；另加指定人员）</legend>
        <div class="grid2">
          ${checkList({
            id: 'c-units',
            legend: '单位（含下级单位，可多选；不选为全部）',
            name: 'unitIds',
            choices: flatUnits(o.units).map((u) => ({
              value: u.unit.id,
              label: u.unit.name,
              depth: u.depth,
            })),
          })}
          ${checkboxGroup({
            id: 'c-lines-label',
            label: '业务条线（不选为全部）',
            name: 'lines',
            choices: Object.entries(BUSINESS_LINE_LABELS).map(([value, label]) => ({ value, label })),
          })}
        </div>
        ${checkboxField('c-enf', 'enforcementOnly', '仅限执法岗位人员')}
        ${staffPicker({
          people: o.people,
          name: 'userIds',
          selected: [],
          legend: '指定人员（可选）',
          idPrefix: 'c-u',
        })}
      </fieldset>
      ${materialsFieldset(o.materials, 'c')} ${submitButton('创建学习活动')}
    </form>`;
}

export function campaignCompletionPage(r: CampaignCompletionResponse): SafeHtml {
  const c = r.campaign;
  return html`<p class="breadcrumb"><a href="/app/campaigns">学习活动</a> › ${c.title}</p>
    <h1>${c.title}</h1>
    <p class="muted">${c.kindLabel} · ${c.startsOn} 至 ${c.endsOn} · 要求 ${c.requiredHours} 学时</p>
    ${c.description ? html`<p>${c.description}</p>` : ''}
    <p id="campaign-summary">
      参学 <strong>${r.total}</strong> 人，已完成 <strong>${r.completed}</strong> 人（完成率
      ${fmtPercent(r.share)}）
    </p>
    <section aria-labelledby="units-h">
      <h2 id="units-h">各单位完成情况</h2>
      ${r.units.length
        ? barChart(
            '各单位完成率',
            r.units.map((u) => ({
              label: u.unitName,
              share: u.share,
              value: `${fmtPercent(u.share)}（${u.completed}/${u.total}）`,
              detail: `${u.unitName}：${fmtPercent(u.share)}（${u.completed}/${u.total}）`,
            })),
            110,
          )
        : html`<p class="muted">参学范围内暂无人员。</p>`}
      ${table(
        r.units,
        [
          { head: '单位', cell: (u) => u.unitName, rowHeader: true },
          { head: '参学人数', cell: (u) => u.total },
          { head: '已完成', cell: (u) => u.completed },
          { head: '完成率', cell: (u) => fmtPercent(u.share) },
        ],
        { id: 'unit-completion', caption: '各单位完成情况' },
      )}
    </section>
    <section aria-labelledby="persons-h">
      <h2 id="persons-h">人员完成情况</h2>
      ${table(
        r.persons,
        [
          { head: '姓名', cell: (p) => p.name ?? `#${p.userId}`, rowHeader: true },
          { head: '单位', cell: (p) => p.unitName ?? '—' },
          { head: '已学学时', cell: (p) => p.hours },
          { head: '状态', cell: (p) => doneTag(p.completed) },
        ],
        { id: 'person-completion' },
      )}
    </section>`;
}

function groupStudyForm(o: {
  csrf: string | undefined;
  people: DirectoryEntryResponse[];
  campaigns: CampaignResponse[];
  materials: MaterialGroupResponse[];
  today: string;
}): SafeHtml {
  return html`<section aria-labelledby="gs-new-h">
    <h2 id="gs-new-h">登记集体学法</h2>
    <form method="post" action="/app/group-studies" class="stacked">
      ${csrfField(o.csrf)}
      ${field(
        'g-topic',
        '学习主题',
        input({
          id: 'g-topic',
          name: 'topic',
          required: true,
          minlength: 2,
          maxlength: 200,
          placeholder: '如：集体学法：退役军人保障法',
        }),
      )}
      <div class="grid2">
        ${field(
          'g-date',
          '日期',
          input({ id: 'g-date', name: 'heldOn', type: 'date', max: o.today, value: o.today, required: true }),
        )}
        ${field(
          'g-min',
          '时长（分钟）',
          input({
            id: 'g-min',
            name: 'minutes',
            type: 'number',
            min: 1,
            max: 600,
            value: 60,
            required: true,
          }),
        )}
        ${field(
          'g-campaign',
          '计入学习活动（可选）',
          select({ id: 'g-campaign', name: 'campaignId' }, [
            { value: '', label: '不指定' },
            ...o.campaigns.map((c) => ({ value: c.id, label: c.title })),
          ]),
        )}
      </div>
      ${field(
        'g-note',
        '备注（可选）',
        textarea({ id: 'g-note', name: 'note', rows: 2, maxlength: 2000 }, ''),
      )}
      ${materialsFieldset(o.materials, 'g')}
      ${staffPicker({
        people: o.people,
        name: 'attendeeIds',
        selected: [],
        legend: '参学人员（按单位勾选）',
        idPrefix: 'g-a',
      })}
      ${submitButton('登记并计入学时')}
    </form>
  </section>`;
}

export function groupStudiesPage(o: {
  sessions: GroupStudyResponse[];
  campaigns: CampaignResponse[];
  /** The registration form (trainers), with what it offers. */
  form: {
    csrf: string | undefined;
    people: DirectoryEntryResponse[];
    materials: MaterialGroupResponse[];
  } | null;
  /** The people's names for the attendance column. */
  names: Map<number, string>;
  today: string;
}): SafeHtml {
  const campaignTitle = new Map(o.campaigns.map((c) => [c.id, c.title]));
  return html`<h1>集体学法</h1>
    <p class="muted">登记后，每位参学人员按时长计入学时。</p>
    ${o.form ? groupStudyForm({ ...o.form, campaigns: o.campaigns, today: o.today }) : ''}
    <section aria-labelledby="gs-list-h">
      <h2 id="gs-list-h">已登记的集体学法</h2>
      ${o.sessions.length === 0
        ? html`<p class="muted">暂无记录。</p>`
        : table(
            o.sessions,
            [
              { head: '日期', cell: (s) => s.heldOn },
              {
                head: '主题',
                cell: (s) =>
                  html`${s.topic}${s.note ? html`<br /><span class="muted">${s.note}</span>` : ''}`,
                rowHeader: true,
              },
              { head: '时长', cell: (s) => `${s.minutes} 分钟` },
              {
                head: '参学人员',
                cell: (s) =>
                  `${s.attendeeIds.length} 人：${s.attendeeIds
                    .slice(0, 8)
                    .map((id) => o.names.get(id) ?? `#${id}`)
                    .join('、')}${s.attendeeIds.length > 8 ? ' 等' : ''}`,
              },
              {
                head: '学习活动',
                cell: (s) => (s.campaignId ? (campaignTitle.get(s.campaignId) ?? `#${s.campaignId}`) : '—'),
              },
              { head: '学习材料', cell: (s) => materialsText(s.materials) || '—' },
            ],
            { id: 'group-studies' },
          )}
    </section>`;
}
