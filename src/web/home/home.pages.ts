import type { CertificateResponse } from '../../certification/certificate.response';
import type { AvailableExamResponse } from '../../exams/exam.response';
import type { NotebookEntryResponse } from '../../exams/practice.response';
import type { BankResponse, QuestionListResponse } from '../../question-bank/question.response';
import type { CampaignWithMineResponse, StudyProgressResponse } from '../../study/study.response';
import type { ExamResponse } from '../../exams/exam.response';
import { postButton } from '../shared/form';
import { fmtDateTime, fmtPercent, html, type SafeHtml } from '../shared/html';
import { unavailable, type Loaded } from '../shared/section';
import { table } from '../shared/table';

const doneTag = (done: boolean) =>
  done ? html`<span class="tag">已完成</span>` : html`<span class="tag warn">未完成</span>`;

/** A list of cards, each a title linking somewhere and an optional line below it. */
export const cards = (items: { href: string; title: string; text?: SafeHtml | string }[]): SafeHtml =>
  html`<ul class="cards">
    ${items.map(
      (c) =>
        html`<li class="card">
          <h2><a href="${c.href}">${c.title}</a></h2>
          ${c.text !== undefined ? html`<p>${c.text}</p>` : ''}
        </li>`,
    )}
  </ul>`;

function examCard(e: AvailableExamResponse, csrf: string | undefined): SafeHtml {
  return html`<li class="card">
    <h3>${e.title} ${e.attemptsUsed > 0 ? html`<span class="tag">${e.standingLabel}</span>` : ''}</h3>
    <p class="muted">
      ${e.kindLabel} · ${e.questionCount} 题 · 满分 ${e.maxScore} 分 · ${e.passMark} 分及格
      ${e.timeLimitMinutes ? html` · 限时 ${e.timeLimitMinutes} 分钟` : ''}
    </p>
    <p>
      截止时间：<strong>${fmtDateTime(e.deadline ?? e.closesAt)}</strong>
      ${e.attemptsLeft !== null ? html` · 剩余作答次数 ${e.attemptsLeft}` : ''}
      ${e.window === 'resit' ? html` · <span class="tag">补考</span>` : ''}
    </p>
    ${e.inProgressAttemptId
      ? html`<a class="button primary" href="/app/attempts/${e.inProgressAttemptId}">继续作答</a>`
      : e.canStart
        ? postButton(`/app/exams/${e.id}/start`, csrf, e.attemptsUsed > 0 ? '再考一次' : '开始考试', {
            primary: true,
          })
        : ''}
  </li>`;
}

/**
 * 待参加的考试: the exams the caller may still sit and has not passed (可再考 with the attempts left after a fail);
 * a passed exam is listed under 已通过 with its way to the result (我的考试), not with 开始考试.
 */
function examsSection(exams: Loaded<AvailableExamResponse[]>, csrf: string | undefined): SafeHtml {
  const todo = exams.ok ? exams.value.filter((e) => !e.passed || e.inProgressAttemptId) : [];
  const passed = exams.ok ? exams.value.filter((e) => e.passed && !e.inProgressAttemptId) : [];
  return html`<section aria-labelledby="exams-h">
    <h2 id="exams-h">待参加的考试</h2>
    ${!exams.ok
      ? unavailable('考试列表', exams)
      : todo.length === 0
        ? html`<p class="muted">目前没有需要参加的考试。</p>`
        : html`<ul class="cards" id="exams-todo">
            ${todo.map((e) => examCard(e, csrf))}
          </ul>`}
    ${passed.length
      ? html`<h3 id="passed-h">已通过</h3>
          <ul class="plain-list" id="exams-passed" aria-labelledby="passed-h">
            ${passed.map((e) => html`<li>${e.title} <span class="tag">已通过</span></li>`)}
          </ul>`
      : ''}
    <p><a class="tap" href="/app/my-exams">我的考试：全部考试记录、成绩与答案解析</a></p>
  </section>`;
}

function progressSection(
  progress: Loaded<StudyProgressResponse>,
  notebook: Loaded<NotebookEntryResponse[]>,
): SafeHtml {
  const p = progress.ok ? progress.value : null;
  const sources = (p?.bySource ?? []).filter((s) => s.hours > 0);
  return html`<section aria-labelledby="study-h">
    <h2 id="study-h">${p?.year ?? ''}年度学时</h2>
    ${p
      ? html`<p id="study-hours">
            已完成 <strong>${p.hours.toFixed(1)}</strong> 学时 / 目标 ${p.targetHours}
            学时（${fmtPercent(p.targetHours ? p.hours / p.targetHours : null)}）${p.met
              ? html` <span class="tag">已达标</span>`
              : ''}
          </p>
          ${p.targetHours
            ? html`<progress
                class="progress"
                max="${p.targetHours}"
                value="${Math.min(p.hours, p.targetHours)}"
                aria-labelledby="study-h"
              ></progress>`
            : ''}
          ${sources.length
            ? html`<p class="muted">${sources.map((s) => `${s.label} ${s.hours} 学时`).join(' · ')}</p>`
            : ''}`
      : unavailable('学时统计', progress as { message: string })}
    <p class="tap-row">
      <a class="tap" href="/app/study">去学法</a> · <a class="tap" href="/app/practice">刷题练习</a> ·
      <a class="tap" href="/app/notebook"
        >错题本（${notebook.ok ? `${notebook.value.length} 题` : notebook.message}）</a
      >
    </p>
  </section>`;
}

function certificatesSection(certs: Loaded<CertificateResponse[]>): SafeHtml {
  return html`<section aria-labelledby="certs-h">
    <h2 id="certs-h">我的证书</h2>
    ${!certs.ok
      ? unavailable('证书信息', certs)
      : certs.value.length === 0
        ? html`<p class="muted">暂无证书。行政执法资格考试合格后自动发证。</p>`
        : table(
            certs.value,
            [
              { head: '证书', cell: (c) => c.kindLabel, rowHeader: true },
              { head: '编号', cell: (c) => c.number },
              { head: '有效期', cell: (c) => `${c.issuedOn} 至 ${c.expiresOn}` },
              {
                head: '状态',
                cell: (c) =>
                  c.status === 'valid' ? c.statusLabel : html`<span class="tag warn">${c.statusLabel}</span>`,
              },
              {
                head: '打印',
                cell: (c) =>
                  html`<a class="tap" href="/api/certificates/${c.id}/print" target="_blank" rel="noopener"
                    >打印证书 ${c.number}</a
                  >`,
              },
            ],
            { id: 'my-certificates' },
          )}
  </section>`;
}

function campaignsSection(campaigns: Loaded<CampaignWithMineResponse[]>): SafeHtml {
  const mine = campaigns.ok ? campaigns.value.filter((c) => c.assigned) : [];
  return html`<section aria-labelledby="campaigns-h">
    <h2 id="campaigns-h">学习活动</h2>
    ${!campaigns.ok
      ? unavailable('学习活动', campaigns)
      : mine.length === 0
        ? html`<p class="muted">目前没有需要参加的学习活动。</p>`
        : html`<ul class="cards">
            ${mine.map(
              (c) =>
                html`<li class="card">
                  <h3>${c.title}</h3>
                  <p class="muted">${c.kindLabel} · ${c.startsOn} 至 ${c.endsOn}</p>
                  <p>
                    要求 ${c.requiredHours}
                    学时${c.mine ? html`，已完成 ${c.mine.hours} 学时 ${doneTag(c.mine.completed)}` : ''}
                  </p>
                </li>`,
            )}
          </ul>`}
  </section>`;
}

export function staffHome(o: {
  exams: Loaded<AvailableExamResponse[]>;
  progress: Loaded<StudyProgressResponse>;
  notebook: Loaded<NotebookEntryResponse[]>;
  certificates: Loaded<CertificateResponse[]>;
  campaigns: Loaded<CampaignWithMineResponse[]>;
  csrf: string | undefined;
}): SafeHtml {
  return html`<h1>我的学习与考试</h1>
    ${examsSection(o.exams, o.csrf)} ${progressSection(o.progress, o.notebook)}
    ${certificatesSection(o.certificates)} ${campaignsSection(o.campaigns)}`;
}

const count = <T>(l: Loaded<T>, n: (v: T) => number, unit: string): string =>
  l.ok ? `${n(l.value)} ${unit}` : `暂不可用：${l.message}`;

export function trainerCards(
  banks: Loaded<BankResponse[]>,
  review: Loaded<QuestionListResponse>,
  exams: Loaded<ExamResponse[]>,
): SafeHtml {
  return html`<h1>培训管理</h1>
    ${cards([
      { href: '/app/banks', title: '题库', text: count(banks, (b) => b.length, '个题库') },
      { href: '/app/review-queue', title: '待复核题目', text: count(review, (r) => r.total, '题') },
      { href: '/app/exams', title: '考试', text: count(exams, (e) => e.length, '场') },
    ])}`;
}

export const managerCards = html`<h1>管理</h1>
  ${cards([
    { href: '/app/dashboard', title: '持证率看板', text: '各单位、各级服务站行政执法资格持证情况' },
    { href: '/app/exams', title: '考试情况', text: '参考率、合格率与考生名单' },
    { href: '/app/admin/roster', title: '花名册导入' },
  ])}`;

export const adminCards = html`<h1>系统管理</h1>
  ${cards([
    { href: '/app/admin/users', title: '账号' },
    { href: '/app/admin/units', title: '单位' },
    { href: '/app/admin/roster', title: '花名册导入' },
  ])}`;
