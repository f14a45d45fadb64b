import { articleLabel } from '../../common/chinese-numerals';
import type { RegulationDetailResponse } from '../../curriculum/regulation.response';
import type {
  MaterialGroupResponse,
  MaterialResponse,
  SearchHitResponse,
  SearchResultResponse,
} from '../../study/material.response';
import { html, raw, SafeHtml } from '../shared/html';
import type { Loaded } from '../shared/section';

const searchForm = (q: string) =>
  html`<form method="get" action="/app/study/search" role="search" class="inline-form">
    <label for="s-q">搜索法规条文和案例</label>
    <input id="s-q" name="q" type="search" value="${q}" maxlength="100" required />
    <button type="submit">搜索</button>
  </form>`;

/** 节选：收录 53 条（全文 85 条）— when the text shipped is an excerpt. */
export function excerptLabel(r: {
  excerpt: boolean;
  articleCount: number | null;
  totalArticles: number | null;
}): SafeHtml | string {
  if (!r.excerpt) return '';
  const counts =
    r.articleCount !== null
      ? `收录 ${r.articleCount} 条${r.totalArticles ? `（全文共 ${r.totalArticles} 条）` : ''}`
      : '';
  return html`<span class="tag excerpt">节选</span> ${counts}`;
}

type LibraryRegulation = MaterialGroupResponse['regulations'][number];

const regulationCard = (r: LibraryRegulation) =>
  html`<li class="card">
    <a href="/app/study/${r.code}">${r.title}</a>
    <p class="muted">
      ${r.kindLabel} ·
      ${r.status === 'in-force' ? r.statusLabel : html`<span class="tag warn">${r.statusLabel}</span>`}
      ${r.currentVersion ? ` · ${r.currentVersion}` : ''} ${excerptLabel(r)}
    </p>
  </li>`;

/**
 * 学法: the documents in force by curriculum (the caller's own marked 本人必学), their cases, and the repealed
 * documents apart under 历史沿革 with what replaced them — never among what must be studied.
 */
export function libraryPage(groups: MaterialGroupResponse[]): SafeHtml {
  const ordered = [...groups].sort((a, b) => Number(b.assigned) - Number(a.assigned));
  const repealed = ordered.flatMap((g) => g.regulations.filter((r) => r.status === 'repealed'));
  return html`<h1>学法</h1>
    ${searchForm('')}
    <p>
      <a href="/app/study/cases">全部案例与资料</a> · 法规汇编：
      <a href="/api/materials/compilation.html" target="_blank" rel="noopener">网页版</a> ·
      <a href="/api/materials/compilation.xlsx" download>Excel</a>
    </p>
    ${ordered.map((g) => {
      const current = g.regulations.filter((r) => r.status !== 'repealed');
      return html`<section aria-labelledby="c-${g.curriculum}">
        <h2 id="c-${g.curriculum}">
          ${g.label}${g.assigned ? html` <span class="tag">本人必学</span>` : ''}
        </h2>
        ${current.length
          ? html`<ul class="cards">
              ${current.map(regulationCard)}
            </ul>`
          : html`<p class="muted">暂无现行文件。</p>`}
        ${g.materials.length
          ? html`<h3>案例与资料</h3>
              <ul>
                ${g.materials.map(
                  (m) =>
                    html`<li>
                      <a href="/app/study/materials/${m.id}">${m.title}</a>
                      <span class="muted">（${m.kindLabel}）</span>
                    </li>`,
                )}
              </ul>`
          : ''}
      </section>`;
    })}
    ${repealed.length
      ? html`<section aria-labelledby="history-h" id="history">
          <h2 id="history-h">历史沿革（已废止，不作为必学内容）</h2>
          <ul class="cards">
            ${repealed.map(
              (r) =>
                html`<li class="card">
                  <a href="/app/study/${r.code}">${r.title}</a>
                  <p class="muted">
                    <span class="tag warn">已废止</span>${r.repealedOn ? ` 于 ${r.repealedOn}` : ''}
                    ${r.replacedBy
                      ? html` · 现行：<a href="/app/study/${r.replacedBy.code}">${r.replacedBy.title}</a>`
                      : ''}
                  </p>
                </li>`,
            )}
          </ul>
        </section>`
      : ''}`;
}

export function casesPage(groups: MaterialGroupResponse[]): SafeHtml {
  const all = groups.flatMap((g) => g.materials.map((m) => ({ ...m, curriculumLabel: g.label })));
  const kinds = new Map<string, typeof all>();
  for (const m of all) kinds.set(m.kindLabel, [...(kinds.get(m.kindLabel) ?? []), m]);
  return html`<h1>案例与学习资料</h1>
    ${searchForm('')} ${all.length === 0 ? html`<p class="muted">暂无案例与资料。</p>` : ''}
    ${[...kinds.entries()].map(
      ([label, items]) =>
        html`<section>
          <h2>${label}（${items.length}）</h2>
          <ul class="cards">
            ${items.map(
              (m) =>
                html`<li class="card">
                  <a href="/app/study/materials/${m.id}">${m.title}</a>
                  <p class="muted">${m.curriculumLabel}</p>
                </li>`,
            )}
          </ul>
        </section>`,
    )}`;
}

/**
 * A search snippet as markup. The API HTML-escapes the text and adds only <mark>…</mark>; that is checked here
 * before the snippet is used as HTML: once the mark tags are removed no '<', '>' or quote may be left and every
 * '&' must begin one of the escapes the API writes. Anything else is shown as plain (escaped) text.
 */
export function markedSnippet(snippet: string): SafeHtml {
  const s = String(snippet ?? '');
  const opens = (s.match(/<mark>/g) ?? []).length;
  const closes = (s.match(/<\/mark>/g) ?? []).length;
  const rest = s.replace(/<\/?mark>/g, '');
  const escaped = !/[<>"']/.test(rest) && !/&(?!(?:amp|lt|gt|quot|#39);)/.test(rest);
  if (escaped && opens === closes) return raw(s);
  return html`${s}`;
}

const hitHref = (h: SearchHitResponse): string | null =>
  h.materialId
    ? `/app/study/materials/${h.materialId}`
    : h.regulation
      ? `/app/study/${h.regulation.code}${h.article ? `#a${h.article}` : ''}`
      : null;

export function searchPage(
  q: string,
  found: Loaded<SearchResultResponse>,
  offset: number,
  limit: number,
): SafeHtml {
  const page = (o: number) => `/app/study/search?${new URLSearchParams({ q, offset: String(o) }).toString()}`;
  const result = found.ok ? found.value : null;
  return html`<h1>搜索：${q}</h1>
    ${searchForm(q)}
    ${result === null
      ? html`<p class="flash error" role="alert">
          搜索暂不可用（${found.ok ? '' : found.message}），请从<a href="/app/study">法规目录</a>进入阅读。
        </p>`
      : result.hits.length === 0
        ? html`<p>没有找到包含“${q}”的法规、条文或案例。</p>`
        : html`<p class="muted" role="status">
              共找到 ${result.total} 处，显示第 ${offset + 1}–${offset + result.hits.length} 处
            </p>
            <ol class="review search-hits" start="${offset + 1}">
              ${result.hits.map((h) => {
                const href = hitHref(h);
                return html`<li class="hit">
                  ${href ? html`<a href="${href}">${h.title}</a>` : h.title}
                  ${h.kind === 'regulation'
                    ? html`<p class="muted">${markedSnippet(h.snippet)}</p>`
                    : html`<p>${markedSnippet(h.snippet)}</p>`}
                </li>`;
              })}
            </ol>
            <nav class="pager" aria-label="分页">
              ${offset > 0 ? html`<a href="${page(Math.max(0, offset - limit))}">上一页</a>` : ''}
              ${offset + result.hits.length < result.total
                ? html`<a href="${page(offset + limit)}">下一页</a>`
                : ''}
            </nav>`}`;
}

const clock = html`<p id="study-clock" class="muted" role="status" aria-live="polite">
  阅读时有操作（滚动、按键、点击）即计入学时。
</p>`;

export function readingPage(
  r: RegulationDetailResponse,
  replacedBy?: { code: string; title: string } | null,
): SafeHtml {
  let chapter: string | null = null;
  const articles = r.articles ?? [];
  return html`<article id="reading" data-regulation="${r.code}">
    <h1>${r.title}</h1>
    <p class="muted">${r.kindLabel} · ${r.statusLabel}${r.currentVersion ? ` · ${r.currentVersion}` : ''}</p>
    ${r.excerpt
      ? html`<p class="flash info" role="note" id="excerpt-note">
          ${excerptLabel(r)}：本页只收录题库和学习所引的条文，不是全文。
        </p>`
      : ''}
    ${r.status === 'repealed'
      ? html`<p class="flash error" role="note">
          本文件已于 ${r.repealedOn ?? ''}
          废止${replacedBy
            ? html`，由<a href="/app/study/${replacedBy.code}">${replacedBy.title}</a>替代`
            : r.replacedBy
              ? `，由${r.replacedBy}替代`
              : ''}。${r.repealNote ?? ''}
        </p>`
      : ''}
    ${clock}
    ${articles.length > 8
      ? html`<details class="toc">
          <summary>条文目录（${articles.length} 条）</summary>
          <p>${articles.map((a) => html`<a href="#a${a.number}">${a.label}</a> `)}</p>
        </details>`
      : ''}
    ${articles.length === 0 ? html`<p class="muted">暂未收录条文。</p>` : ''}
    ${articles.map((a) => {
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

export function materialPage(m: MaterialResponse): SafeHtml {
  return html`<article id="reading" data-material="${m.id}">
    <h1>${m.title}</h1>
    <p class="muted">
      ${m.kindLabel}${m.curriculumLabel ? ` · ${m.curriculumLabel}` : ''}${m.sample ? ' · 示例材料' : ''}
    </p>
    ${clock}
    <div class="article"><p>${m.body ?? ''}</p></div>
    ${(m.articles ?? []).length
      ? html`<h2>相关条文</h2>
          <ul>
            ${(m.articles ?? []).map(
              (a) =>
                html`<li>
                  <a href="/app/study/${a.regulation.code}#a${a.article}"
                    >《${a.regulation.title}》${articleLabel(a.article)}</a
                  >
                </li>`,
            )}
          </ul>`
      : ''}
  </article>`;
}
