import { html, SafeHtml } from '../html';
import { CURRICULUM_LABELS } from './trainer.pages';

export interface RegulationRow {
  id: number;
  code: string;
  title: string;
  kindLabel: string;
  curriculum: string;
  businessLine: string | null;
  statusLabel: string;
  status: string;
  currentVersion: string | null;
  articles?: {
    number: number;
    label: string;
    chapter: string | null;
    section: string | null;
    text: string;
  }[];
}

export interface SearchHit {
  title?: string;
  regulation?: string;
  code?: string;
  article?: number;
  label?: string;
  snippet?: string;
  [k: string]: unknown;
}

const searchForm = (q: string) =>
  html`<form method="get" action="/app/study/search" role="search" class="inline-form">
    <label for="s-q">搜索法规条文</label>
    <input id="s-q" name="q" type="search" value="${q}" required />
    <button type="submit">搜索</button>
  </form>`;

export function libraryPage(regs: RegulationRow[]): SafeHtml {
  const groups = new Map<string, RegulationRow[]>();
  for (const r of regs) groups.set(r.curriculum, [...(groups.get(r.curriculum) ?? []), r]);
  const order = ['common', 'resettlement', 'rights', 'care', 'employment', 'retiree', 'double-support'];
  const keys = [...groups.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return html`<h1>学法</h1>
    ${searchForm('')}
    ${keys.map(
      (k) =>
        html`<section>
          <h2>${CURRICULUM_LABELS[k] ?? k}</h2>
          <ul class="cards">
            ${(groups.get(k) ?? []).map(
              (r) =>
                html`<li class="card">
                  <a href="/app/study/${r.code}">${r.title}</a>
                  <p class="muted">
                    ${r.kindLabel} · ${r.statusLabel}${r.currentVersion ? ` · ${r.currentVersion}` : ''}
                  </p>
                </li>`,
            )}
          </ul>
        </section>`,
    )}`;
}

/** Marks every occurrence of the query in escaped text (the hit text is escaped first, then wrapped). */
export function highlight(text: string, q: string): SafeHtml {
  if (!q) return html`${text}`;
  const parts = text.split(q);
  return html`${parts.map((p, i) => html`${p}${i < parts.length - 1 ? html`<mark>${q}</mark>` : ''}`)}`;
}

export function searchPage(q: string, hits: SearchHit[] | null): SafeHtml {
  return html`<h1>搜索：${q}</h1>
    ${searchForm(q)}
    ${hits === null
      ? html`<p class="muted">全文搜索暂未开放，请从<a href="/app/study">法规目录</a>进入阅读。</p>`
      : hits.length === 0
        ? html`<p>没有找到包含“${q}”的条文。</p>`
        : html`<ol class="review">
            ${hits.map((h) => {
              const title = h.title ?? h.regulation ?? '';
              const href = h.code ? `/app/study/${h.code}${h.article ? `#a${h.article}` : ''}` : null;
              return html`<li>
                ${href
                  ? html`<a href="${href}">${title} ${h.label ?? ''}</a>`
                  : html`${title} ${h.label ?? ''}`}
                <p>${highlight(String(h.snippet ?? h.text ?? ''), q)}</p>
              </li>`;
            })}
          </ol>`}`;
}

export function readingPage(r: RegulationRow): SafeHtml {
  let chapter: string | null = null;
  return html`<article id="reading" data-code="${r.code}" data-id="${r.id}">
    <h1>${r.title}</h1>
    <p class="muted">${r.kindLabel} · ${r.statusLabel}${r.currentVersion ? ` · ${r.currentVersion}` : ''}</p>
    <p id="study-clock" class="muted" role="status" aria-live="polite"></p>
    ${(r.articles ?? []).length === 0 ? html`<p class="muted">暂未收录条文。</p>` : ''}
    ${(r.articles ?? []).map((a) => {
      const head = a.chapter && a.chapter !== chapter ? html`<h2>${a.chapter}</h2>` : '';
      chapter = a.chapter;
      return html`${head}
        <section class="article" id="a${a.number}">
          <h3>${a.label}</h3>
          <p>${a.text}</p>
        </section>`;
    })}
  </article>`;
}
