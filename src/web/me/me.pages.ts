import type { CertificateResponse } from '../../certification/certificate.response';
import type { MyExamResponse } from '../../exams/exam.response';
import type { RecordEntryResponse } from '../../identity/record.response';
import { csrfField, field, hidden, input, submitButton } from '../shared/form';
import { fmtDateTime, html, type SafeHtml } from '../shared/html';
import { unavailable, type Loaded } from '../shared/section';
import { table } from '../shared/table';

/** 修改密码: the current password, the new one twice; `forced` when the password was set by someone else. */
export function passwordPage(o: { csrf: string | undefined; next: string; forced: boolean }): SafeHtml {
  return html`<div class="narrow">
    <h1>修改密码</h1>
    ${o.forced
      ? html`<p class="flash info" role="status" id="password-forced">
          您的密码是管理员设置的初始密码或重置后的密码。为保护您的账号，请先设置自己的新密码，再继续使用。
        </p>`
      : ''}
    <form method="post" action="/app/password" class="stacked" id="password-form">
      ${csrfField(o.csrf)} ${hidden('next', o.next)}
      ${field(
        'currentPassword',
        '当前密码',
        input({
          id: 'currentPassword',
          name: 'currentPassword',
          type: 'password',
          autocomplete: 'current-password',
          required: true,
        }),
      )}
      ${field(
        'newPassword',
        '新密码',
        input({
          id: 'newPassword',
          name: 'newPassword',
          type: 'password',
          autocomplete: 'new-password',
          minlength: 8,
          required: true,
        }),
        html`<p class="help">至少 8 位，须包含字母和数字，不能与当前密码相同。</p>`,
      )}
      ${field(
        'confirmPassword',
        '再次输入新密码',
        input({
          id: 'confirmPassword',
          name: 'confirmPassword',
          type: 'password',
          autocomplete: 'new-password',
          minlength: 8,
          required: true,
        }),
      )}
      ${submitButton('修改密码')}
    </form>
    <p class="muted">修改后，您在其他设备上的登录会全部退出。</p>
  </div>`;
}

const attemptStatus = (a: MyExamResponse['attempts'][number]): SafeHtml | string => {
  if (a.status === 'in-progress') return '作答中';
  if (a.status === 'invalidated') return html`<span class="tag">已作废</span>`;
  if (a.status === 'awaiting-marking') return html`<span class="tag muted-tag">待阅卷</span>`;
  return a.passed ? html`<span class="tag">合格</span>` : html`<span class="tag warn">不合格</span>`;
};

function examCard(e: MyExamResponse): SafeHtml {
  const submitted = e.attempts.filter((a) => a.status === 'submitted');
  return html`<li class="card" id="my-exam-${e.id}">
    <h3>
      ${e.title} <span class="tag ${e.standing === 'passed' ? '' : 'muted-tag'}">${e.standingLabel}</span>
    </h3>
    <p class="muted">
      ${e.kindLabel} · ${e.passMark} 分及格${e.closesAt ? ` · 截止 ${fmtDateTime(e.closesAt)}` : ''}
    </p>
    ${table(
      e.attempts,
      [
        { head: '次数', cell: (a) => `第 ${a.attemptNo} 次`, rowHeader: true },
        { head: '交卷时间', cell: (a) => (a.submittedAt ? fmtDateTime(a.submittedAt) : '—') },
        { head: '得分', cell: (a) => (a.score === null ? '—' : `${a.score} / ${a.maxScore}`) },
        { head: '结果', cell: attemptStatus },
        {
          head: '查看',
          cell: (a) =>
            a.status === 'in-progress'
              ? html`<a class="tap" href="/app/attempts/${a.id}">继续作答</a>`
              : a.status === 'submitted'
                ? html`<a class="tap" href="/app/attempts/${a.id}/result">成绩</a>${e.reviewOpen
                      ? html` · <a class="tap" href="/app/attempts/${a.id}/review">答案解析</a>`
                      : ''}`
                : (a.invalidReason ?? '—'),
        },
      ],
      { className: 'table compact' },
    )}
    ${submitted.length && !e.reviewOpen && e.reviewReason
      ? html`<p class="muted">答案解析：${e.reviewReason}</p>`
      : ''}
  </li>`;
}

function certificatesTable(certs: Loaded<CertificateResponse[]>): SafeHtml {
  if (!certs.ok) return unavailable('证书信息', certs);
  if (certs.value.length === 0) return html`<p class="muted">暂无证书。</p>`;
  return table(
    certs.value,
    [
      { head: '证书', cell: (c) => c.kindLabel, rowHeader: true },
      { head: '编号', cell: (c) => c.number },
      { head: '有效期', cell: (c) => `${c.issuedOn} 至 ${c.expiresOn}` },
      { head: '状态', cell: (c) => c.statusLabel },
    ],
    { id: 'my-exam-certificates' },
  );
}

/** 我的考试: every exam I sat with my attempts, scores, results, review links per the policy; my certificates. */
export function myExamsPage(exams: MyExamResponse[], certs: Loaded<CertificateResponse[]>): SafeHtml {
  return html`<h1>我的考试</h1>
    <section aria-labelledby="history-h">
      <h2 id="history-h">考试记录</h2>
      ${exams.length === 0
        ? html`<p class="muted">您还没有参加过考试。待参加的考试在<a class="tap" href="/app">首页</a>。</p>`
        : html`<ul class="cards" id="my-exams">
            ${exams.map(examCard)}
          </ul>`}
    </section>
    <section aria-labelledby="my-certs-h">
      <h2 id="my-certs-h">我的证书</h2>
      ${certificatesTable(certs)}
    </section>`;
}

/** 我的记录: what others did to my attempts, certificates and account — who, when and why. */
export function myRecordPage(entries: RecordEntryResponse[]): SafeHtml {
  return html`<h1>我的记录</h1>
    <p class="muted">他人对您的答卷、证书和账号所做的操作：谁、何时、为什么。</p>
    ${table(
      entries,
      [
        { head: '时间', cell: (r) => fmtDateTime(r.at), rowHeader: true },
        { head: '操作', cell: (r) => r.actionLabel },
        { head: '操作人', cell: (r) => r.actorName },
        {
          head: '涉及',
          cell: (r) =>
            [r.subject, r.minutes !== null ? `${r.minutes} 分钟` : null].filter(Boolean).join(' · ') || '—',
        },
        { head: '原因', cell: (r) => r.reason ?? '—' },
      ],
      { id: 'my-record', empty: '暂无记录。' },
    )}`;
}
