import type { Role } from '../common/roles';
import { ROLE_LABELS } from '../common/roles';
import { html, SafeHtml } from './html';
import type { Me } from './web-api';

interface NavItem {
  href: string;
  label: string;
  roles: Role[];
}

const NAV: NavItem[] = [
  { href: '/app', label: '首页', roles: ['staff', 'trainer', 'manager', 'admin'] },
  { href: '/app/study', label: '学法', roles: ['staff'] },
  { href: '/app/practice', label: '练习', roles: ['staff'] },
  { href: '/app/notebook', label: '错题本', roles: ['staff'] },
  { href: '/app/banks', label: '题库', roles: ['trainer', 'admin'] },
  { href: '/app/questions', label: '题目', roles: ['trainer', 'admin'] },
  { href: '/app/review-queue', label: '待复核', roles: ['trainer', 'admin'] },
  { href: '/app/regulations', label: '法规版本', roles: ['trainer', 'admin'] },
  { href: '/app/exams', label: '考试管理', roles: ['trainer', 'admin', 'manager'] },
  { href: '/app/campaigns', label: '学习活动', roles: ['staff', 'trainer', 'manager', 'admin'] },
  { href: '/app/group-studies', label: '集体学法', roles: ['trainer', 'manager', 'admin'] },
  { href: '/app/dashboard', label: '持证率', roles: ['manager', 'admin'] },
  { href: '/app/admin/users', label: '账号', roles: ['admin'] },
  { href: '/app/admin/units', label: '单位', roles: ['admin'] },
  { href: '/app/admin/roster', label: '花名册导入', roles: ['admin', 'manager'] },
];

export interface PageOptions {
  title: string;
  me?: Me | null;
  csrf?: string;
  active?: string;
  body: SafeHtml;
  scripts?: string[];
  flash?: { kind: 'ok' | 'error'; text: string } | null;
}

export function layout(o: PageOptions): string {
  const roles = o.me?.roles ?? [];
  const items = NAV.filter((n) => n.roles.some((r) => roles.includes(r)));
  const nav = o.me
    ? html`<nav class="site-nav" aria-label="主导航">
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
