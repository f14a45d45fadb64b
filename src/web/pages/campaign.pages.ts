import { BUSINESS_LINE_LABELS } from '../../common/business-lines';
import { escapeHtml, fmtPercent, html, raw, SafeHtml } from '../html';
import type { MaterialGroup } from './study.pages';
import { staffPicker, type StaffEntry } from './staff-picker';
import { flatUnits, type UnitOption } from './trainer.pages';

export interface CampaignRow {
  id: number;
  title: string;
  kind: string;
  kindLabel: string;
  description: string | null;
  startsOn: string;
  endsOn: string;
  requiredHours: number;
  audience: { unitIds: number[]; lines: string[]; enforcementOnly: boolean; userIds: number[] };
  materials: { regulations: { code: string; title: string }[]; materialIds: number[] };
  assigned?: boolean;
  mine?: { hours: number; completed: boolean } | null;
}

export interface UnitCompletionRow {
  unitId: number | null;
  unitName: string;
  total: number;
  completed: number;
  share: number;
}

export interface CampaignCompletion {
  campaign: CampaignRow;
  total: number;
  completed: number;
  share: number | null;
  units: UnitCompletionRow[];
  persons: {
    userId: number;
    name?: string;
    username?: string;
    unitName?: string | null;
    hours: number;
    completed: boolean;
  }[];
}

export interface GroupStudyRow {
  id: number;
  heldOn: string;
  topic: string;
  minutes: number;
  materials: { regulations: { code: string; title: string }[]; materialIds: number[] };
  attendeeIds: number[];
  campaignId: number | null;
  note: string | null;
}

export const CAMPAIGN_KIND_OPTIONS: [string, string][] = [
  ['law-month', '法规学习月'],
  ['discipline-month', '纪律教育学习月'],
  ['other', '专题学习'],
];

const lineLabel = (l: string): string => (BUSINESS_LINE_LABELS as Record<string, string>)[l] ?? l;

function materialsFieldset(groups: MaterialGroup[], prefix: string): SafeHtml {
  const regs = groups.flatMap((g) => g.regulations.map((r) => ({ ...r, group: g.label })));
  const mats = groups.flatMap((g) => g.materials.map((m) => ({ ...m, group: g.label })));
  return html`<fieldset>
    <legend>学习材料（不选则活动期间的任何学习都计入）</legend>
    <div class="grid2">
      <div class="field">
        <label for="${prefix}-regs">法规（可多选）</label>
        <select id="${prefix}-regs" name="regulations" multiple size="6">
          ${regs.map((r) => html`<option value="${r.code}">${r.group}：${r.title}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="${prefix}-mats">案例与学习资料（可多选）</label>
        <select id="${prefix}-mats" name="materialIds" multiple size="6">
          ${mats.map((m) => html`<option value="${m.id}">${m.group}：${m.title}</option>`)}
        </select>
      </div>
    </div>
  </fieldset>`;
}

function audienceText(a: CampaignRow['audience'], units: Map<number, string>): string {
  const parts: string[] = [];
  if (a.unitIds.length) parts.push(`单位：${a.unitIds.map((id) => units.get(id) ?? `#${id}`).join('、')}`);
  if (a.lines.length) parts.push(`条线：${a.lines.map(lineLabel).join('、')}`);
  if (a.enforcementOnly) parts.push('仅执法岗位');
  if (a.userIds.length) parts.push(`另加 ${a.userIds.length} 人`);
  return parts.length ? parts.join('；') : '全体人员';
}

export function campaignsPage(o: {
  campaigns: CampaignRow[];
  canCreate: boolean;
  canSeeCompletion: boolean;
  units: UnitOption[];
}): SafeHtml {
  const unitNames = new Map(flatUnits(o.units).map((u) => [u.id, u.label.trim()]));
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
      : html`<div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">活动</th>
                <th scope="col">类别</th>
                <th scope="col">日期</th>
                <th scope="col">要求学时</th>
                <th scope="col">参学范围</th>
                <th scope="col">学习材料</th>
                <th scope="col">我的进度</th>
              </tr>
            </thead>
            <tbody>
              ${o.campaigns.map(
                (c) =>
                  html`<tr>
                    <th scope="row">
                      ${o.canSeeCompletion ? html`<a href="/app/campaigns/${c.id}">${c.title}</a>` : c.title}
                    </th>
                    <td>${c.kindLabel}</td>
                    <td>${c.startsOn} 至 ${c.endsOn}</td>
                    <td>${c.requiredHours}</td>
                    <td>${audienceText(c.audience, unitNames)}</td>
                    <td>
                      ${c.materials.regulations.length || c.materials.materialIds.length
                        ? html`${c.materials.regulations.map((r) => r.title).join('、')}${c.materials
                            .materialIds.length
                            ? `${c.materials.regulations.length ? '；' : ''}学习资料 ${c.materials.materialIds.length} 篇`
                            : ''}`
                        : html`<span class="muted">不限</span>`}
                    </td>
                    <td>
                      ${c.assigned === false
                        ? html`<span class="muted">不在参学范围</span>`
                        : c.mine
                          ? html`${c.mine.hours} 学时
                            ${c.mine.completed
                              ? html`<span class="tag">已完成</span>`
                              : html`<span class="tag warn">未完成</span>`}`
                          : '—'}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>`}`;
}

export function campaignFormPage(o: {
  csrf: string;
  units: UnitOption[];
  materials: MaterialGroup[];
  people: StaffEntry[];
}): SafeHtml {
  return html`<h1>新建学习活动</h1>
    <form method="post" action="/app/campaigns" class="stacked">
      <input type="hidden" name="_csrf" value="${o.csrf}" />
      <div class="field">
        <label for="c-title">活动名称</label
        ><input
          id="c-title"
          name="title"
          required
          minlength="2"
          maxlength="200"
          placeholder="如：2026年法规学习月"
        />
      </div>
      <div class="grid2">
        <div class="field">
          <label for="c-kind">类别</label>
          <select id="c-kind" name="kind">
            ${CAMPAIGN_KIND_OPTIONS.map(([k, v]) => html`<option value="${k}">${v}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="c-hours">要求学时</label
          ><input
            id="c-hours"
            name="requiredHours"
            type="number"
            min="0"
            max="1000"
            step="0.5"
            value="4"
            required
          />
        </div>
        <div class="field">
          <label for="c-start">开始日期</label><input id="c-start" name="startsOn" type="date" required />
        </div>
        <div class="field">
          <label for="c-end">结束日期</label><input id="c-end" name="endsOn" type="date" required />
        </div>
      </div>
      <div class="field">
        <label for="c-desc">说明（可选）</label>
        <textarea id="c-desc" name="description" rows="3" maxlength="5000"></textarea>
      </div>
      <fieldset>
        <legend>参学人员（同时满足所选条件；另加指定人员）</legend>
        <div class="grid2">
          <div class="field">
            <label for="c-units">单位（含下级单位，可多选；不选为全部）</label>
            <select id="c-units" name="unitIds" multiple size="6">
              ${flatUnits(o.units).map((u) => html`<option value="${u.id}">${u.label}</option>`)}
            </select>
          </div>
          <div class="field">
            <span id="c-lines-label">业务条线（不选为全部）</span>
            <div role="group" aria-labelledby="c-lines-label">
              ${Object.entries(BUSINESS_LINE_LABELS).map(
                ([k, v]) =>
                  html`<label class="checkbox"
                    ><input type="checkbox" name="lines" value="${k}" /> ${v}</label
                  > `,
              )}
            </div>
          </div>
        </div>
        <div class="field checkbox">
          <input id="c-enf" name="enforcementOnly" type="checkbox" value="1" /><label for="c-enf"
            >仅限执法岗位人员</label
          >
        </div>
        ${staffPicker({
          people: o.people,
          name: 'userIds',
          selected: [],
          legend: '指定人员（可选）',
          idPrefix: 'c-u',
        })}
      </fieldset>
      ${materialsFieldset(o.materials, 'c')}
      <div class="actions"><button type="submit" class="primary">创建学习活动</button></div>
    </form>`;
}

/** Completion per unit as horizontal SVG bars; the same figures are in the table beneath it. */
function unitChart(title: string, rows: UnitCompletionRow[]): SafeHtml {
  const rowH = 30;
  const labelW = 150;
  const barW = 180;
  const width = labelW + barW + 110;
  const height = rows.length * rowH + 10;
  const bars = rows
    .map((r, i) => {
      const y = i * rowH + 5;
      const w = Math.max(0, Math.min(1, r.share)) * barW;
      const name = r.unitName.length > 11 ? r.unitName.slice(0, 10) + '…' : r.unitName;
      const text = `${r.unitName}：${fmtPercent(r.share)}（${r.completed}/${r.total}）`;
      return `<g><title>${escapeHtml(text)}</title>
        <text x="${labelW - 6}" y="${y + 18}" text-anchor="end" class="bar-label">${escapeHtml(name)}</text>
        <rect x="${labelW}" y="${y + 4}" width="${barW}" height="18" class="bar-bg"></rect>
        <rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="18" class="bar ${r.share >= 0.9 ? 'good' : r.share >= 0.6 ? 'mid' : 'low'}"></rect>
        <text x="${labelW + barW + 6}" y="${y + 18}" class="bar-value">${escapeHtml(`${fmtPercent(r.share)}（${r.completed}/${r.total}）`)}</text></g>`;
    })
    .join('');
  return html`<figure class="chart">
    <figcaption>${title}</figcaption>
    ${raw(
      `<svg viewBox="0 0 ${width} ${Math.max(height, 20)}" width="100%" role="img" aria-label="${escapeHtml(title)}" preserveAspectRatio="xMinYMin meet">${bars}</svg>`,
    )}
  </figure>`;
}

export function campaignCompletionPage(r: CampaignCompletion): SafeHtml {
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
      ${r.units.length ? unitChart('各单位完成率', r.units) : html`<p class="muted">参学范围内暂无人员。</p>`}
      <div class="table-wrap">
        <table class="table" id="unit-completion">
          <caption>
            各单位完成情况
          </caption>
          <thead>
            <tr>
              <th scope="col">单位</th>
              <th scope="col">参学人数</th>
              <th scope="col">已完成</th>
              <th scope="col">完成率</th>
            </tr>
          </thead>
          <tbody>
            ${r.units.map(
              (u) =>
                html`<tr>
                  <th scope="row">${u.unitName}</th>
                  <td>${u.total}</td>
                  <td>${u.completed}</td>
                  <td>${fmtPercent(u.share)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>
    <section aria-labelledby="persons-h">
      <h2 id="persons-h">人员完成情况</h2>
      <div class="table-wrap">
        <table class="table" id="person-completion">
          <thead>
            <tr>
              <th scope="col">姓名</th>
              <th scope="col">单位</th>
              <th scope="col">已学学时</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            ${r.persons.map(
              (p) =>
                html`<tr>
                  <th scope="row">${p.name ?? `#${p.userId}`}</th>
                  <td>${p.unitName ?? '—'}</td>
                  <td>${p.hours}</td>
                  <td>
                    ${p.completed
                      ? html`<span class="tag">已完成</span>`
                      : html`<span class="tag warn">未完成</span>`}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
}

export function groupStudiesPage(o: {
  sessions: GroupStudyRow[];
  canCreate: boolean;
  csrf: string;
  people: StaffEntry[];
  campaigns: CampaignRow[];
  materials: MaterialGroup[];
  today: string;
}): SafeHtml {
  const names = new Map(o.people.map((p) => [p.id, p.name]));
  const campaignTitle = new Map(o.campaigns.map((c) => [c.id, c.title]));
  const form = html`<section aria-labelledby="gs-new-h">
    <h2 id="gs-new-h">登记集体学法</h2>
    <form method="post" action="/app/group-studies" class="stacked">
      <input type="hidden" name="_csrf" value="${o.csrf}" />
      <div class="field">
        <label for="g-topic">学习主题</label
        ><input
          id="g-topic"
          name="topic"
          required
          minlength="2"
          maxlength="200"
          placeholder="如：集体学法：退役军人保障法"
        />
      </div>
      <div class="grid2">
        <div class="field">
          <label for="g-date">日期</label
          ><input id="g-date" name="heldOn" type="date" max="${o.today}" value="${o.today}" required />
        </div>
        <div class="field">
          <label for="g-min">时长（分钟）</label
          ><input id="g-min" name="minutes" type="number" min="1" max="600" value="60" required />
        </div>
        <div class="field">
          <label for="g-campaign">计入学习活动（可选）</label>
          <select id="g-campaign" name="campaignId">
            <option value="">不指定</option>
            ${o.campaigns.map((c) => html`<option value="${c.id}">${c.title}</option>`)}
          </select>
        </div>
      </div>
      <div class="field">
        <label for="g-note">备注（可选）</label>
        <textarea id="g-note" name="note" rows="2" maxlength="2000"></textarea>
      </div>
      ${materialsFieldset(o.materials, 'g')}
      ${staffPicker({
        people: o.people,
        name: 'attendeeIds',
        selected: [],
        legend: '参学人员（按单位勾选）',
        idPrefix: 'g-a',
      })}
      <div class="actions"><button type="submit" class="primary">登记并计入学时</button></div>
    </form>
  </section>`;
  return html`<h1>集体学法</h1>
    <p class="muted">登记后，每位参学人员按时长计入学时。</p>
    ${o.canCreate ? form : ''}
    <section aria-labelledby="gs-list-h">
      <h2 id="gs-list-h">已登记的集体学法</h2>
      ${o.sessions.length === 0
        ? html`<p class="muted">暂无记录。</p>`
        : html`<div class="table-wrap">
            <table class="table" id="group-studies">
              <thead>
                <tr>
                  <th scope="col">日期</th>
                  <th scope="col">主题</th>
                  <th scope="col">时长</th>
                  <th scope="col">参学人员</th>
                  <th scope="col">学习活动</th>
                  <th scope="col">学习材料</th>
                </tr>
              </thead>
              <tbody>
                ${o.sessions.map(
                  (s) =>
                    html`<tr>
                      <td>${s.heldOn}</td>
                      <th scope="row">
                        ${s.topic}${s.note ? html`<br /><span class="muted">${s.note}</span>` : ''}
                      </th>
                      <td>${s.minutes} 分钟</td>
                      <td>
                        ${s.attendeeIds.length}
                        人：${s.attendeeIds
                          .slice(0, 8)
                          .map((id) => names.get(id) ?? `#${id}`)
                          .join('、')}${s.attendeeIds.length > 8 ? ' 等' : ''}
                      </td>
                      <td>${s.campaignId ? (campaignTitle.get(s.campaignId) ?? `#${s.campaignId}`) : '—'}</td>
                      <td>
                        ${s.materials.regulations.map((r) => r.title).join('、') || ''}${s.materials
                          .materialIds.length
                          ? `${s.materials.regulations.length ? '；' : ''}学习资料 ${s.materials.materialIds.length} 篇`
                          : ''}${!s.materials.regulations.length && !s.materials.materialIds.length
                          ? '—'
                          : ''}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
    </section>`;
}
