import { ACCESS, allowed, ROLE_LABELS, type AccessRule, type AuthUser } from '../../common/roles';
import { html, SafeHtml } from './html';

export interface NavItem {
  href: string;
  label: string;
  /** Who sees the entry: the rule of the page it opens (ACCESS), or the learners for the study pages. */
  rule: AccessRule;
}

/** The navigation. Each entry shows for the roles of the page's own @Roles rule (held to it by the web e2e test). */
export const NAV: NavItem[] = [
  { href: '/app', label: '首页', rule: ACCESS.everyone },
  { href: '/app/study', label: '学法', rule: ACCESS.learners },
  { href: '/app/practice', label: '练习', rule: ACCESS.learners },
  { href: '/app/notebook', label: '错题本', rule: ACCESS.learners },
  { href: '/app/my-exams', label: '我的考试', rule: ACCESS.learners },
  { href: '/app/banks', label: '题库', rule: ACCESS.trainers },
  { href: '/app/questions', label: '题目', rule: ACCESS.trainers },
  { href: '/app/review-queue', label: '待复核', rule: ACCESS.trainers },
  { href: '/app/regulations', label: '法规版本', rule: ACCESS.trainers },
  { href: '/app/exams', label: '考试管理', rule: ACCESS.examOverseers },
  { href: '/app/campaigns', label: '学习活动', rule: ACCESS.everyone },
  { href: '/app/group-studies', label: '集体学法', rule: ACCESS.studyOverseers },
  { href: '/app/dashboard', label: '持证率', rule: ACCESS.managers },
  { href: '/app/admin/users', label: '账号', rule: ACCESS.admins },
  { href: '/app/admin/units', label: '单位', rule: ACCESS.admins },
  { href: '/app/admin/roster', label: '花名册导入', rule: ACCESS.managers },
];

/** Menus longer than this fold behind a toggle on a phone (desk). */
export const NAV_FOLD_FROM = 6;

export interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

export interface LayoutOptions {
  title: string;
  me?: Pick<AuthUser, 'name' | 'roles'> | null;
  csrf?: string;
  active?: string;
  body: SafeHtml;
  scripts?: string[];
  flash?: Flash | null;
}

export function layout(o: LayoutOptions): string {
  const roles = o.me?.roles ?? [];
  const items = NAV.filter((n) => allowed(o.me, n.rule));
  // desk: a long menu (trainers, managers, admins) folds behind a 菜单 toggle on a phone: one row, no script.
  const folds = items.length > NAV_FOLD_FROM;
  const nav = o.me
    ? html`<nav class="site-nav" aria-label="主导航" ${folds ? 'data-fold' : ''}>
        ${folds
          ? html`<input type="checkbox" id="nav-toggle" class="nav-toggle" />
              <label for="nav-toggle" class="nav-toggle-label">菜单</label>`
          : ''}
        <ul>
          ${items.map(
            (n) =>
              html`<li>
                <a href="${n.href}" ${o.active === n.href ? html`aria-current="page"` : ''}>${n.label}</a>
              </li>`,
          )}
        </ul>
        <form method="post" action="/logout" class="logout">
          <input type="hidden" name="_csrf" value="${o.csrf ?? ''}" />
          <span class="who">${o.me.name}（${roles.map((r) => ROLE_LABELS[r]).join('、')}）</span>
          <a href="/app/my-record">我的记录</a>
          <a href="/app/password">修改密码</a>
          <button type="submit" class="link">退出</button>
        </form>
      </nav>`
    : '';
  const page = html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="csrf-token" content="${o.csrf ?? ''}" />
        <title>${o.title} · 学法考试平台</title>
        <link rel="stylesheet" href="/app/assets/app.css" />
      </head>
      <body>
        <a class="skip" href="#main">跳到正文</a>
        <header class="site-header">
          <a class="brand" href="/app">学法考试平台</a>
          ${nav}
        </header>
        <main id="main" tabindex="-1">
          ${o.flash
            ? html`<p class="flash ${o.flash.kind}" role="${o.flash.kind === 'error' ? 'alert' : 'status'}">
                ${o.flash.text}
              </p>`
            : ''}
          ${o.body}
        </main>
        <footer class="site-footer">区退役军人事务局 · 学法考试平台</footer>
        <script src="/app/assets/app.js" defer></script>
        ${(o.scripts ?? []).map((s) => html`<script src="/app/assets/${s}" defer></script>`)}
      </body>
    </html>`;
  return page.value;
}
