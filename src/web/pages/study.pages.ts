import { html, raw, SafeHtml } from '../html';

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
  repealedOn?: string | null;
  replacedBy?: { code: string; title: string } | string | null;
  repealNote?: string | null;
  versions?: {
    seq: number;
    label: string;
    adoptedOn: string | null;
    effectiveOn: string | null;
    excerpt: boolean;
    articleCount: number;
  }[];
  articles?: {
    number: number;
    label: string;
    chapter: string | null;
    section: string | null;
    text: string;
  }[];
}

/** GET /api/materials: one group per curriculum, the caller's own ones marked `assigned`. */
export interface MaterialGroup {
  curriculum: string;
  label: string;
  assigned: boolean;
  regulations: {
    code: string;
    title: string;
    kindLabel: string;
    status: string;
    statusLabel: string;
    currentVersion: string | null;
  }[];
  materials: MaterialRow[];
}

export interface MaterialRow {
  id: number;
  kind: string;
  kindLabel: string;
  title: string;
  curriculum: string;
  curriculumLabel?: string;
  sample?: boolean;
  body?: string;
  articles?: { regulation: { code: string; title: string }; article: number }[];
}

export interface SearchHit {
  kind: string;
  regulation: { code: string; title: string } | null;
  article?: number;
  materialId?: number;
  title: string;
  snippet: string;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

const searchForm = (q: string) =>
  html`<form method="get" action="/app/study/search" role="search" class="inline-form">
    <label for="s-q">搜索法规条文和案例</label>
    <input id="s-q" name="q" type="search" value="${q}" maxlength="100" required />
    <button type="submit">搜索</button>
  </form>`;

const articleNo = (n: number): string => {
  const digits = '零一二三四五六七八九';
  const under100 = (x: number): string => {
    if (x < 10) return digits[x];
    const t = Math.floor(x / 10);
    const u = x % 10;
    return `${t === 1 ? '' : digits[t]}十${u ? digits[u] : ''}`;
  };
  if (n < 100) return under100(n);
  const h = Math.floor(n / 100);
  const rest = n % 100;
  return `${digits[h]}百${rest === 0 ? '' : rest < 10 ? `零${digits[rest]}` : rest < 20 ? `一${under100(rest)}` : under100(rest)}`;
};

export function libraryPage(groups: MaterialGroup[]): SafeHtml {
  const ordered = [...groups].sort((a, b) => Number(b.assigned) - Number(a.assigned));
  return html`<h1>学法</h1>
    ${searchForm('')}
    <p>
      <a href="/app/study/cases">全部案例与资料</a> · 法规汇编：
      <a href="/api/materials/compilation.html" target="_blank" rel="noopener">网页版</a> ·
      <a href="/api/materials/compilation.xlsx" download>Excel</a>
    </p>
    ${ordered.map(
      (g) =>
        html`<section aria-labelledby="c-${g.curriculum}">
          <h2 id="c-${g.curriculum}">
            ${g.label}${g.assigned ? html` <span class="tag">本人必学</span>` : ''}
          </h2>
          <ul class="cards">
            ${g.regulations.map(
              (r) =>
                html`<li class="card">
                  <a href="/app/study/${r.code}">${r.title}</a>
                  <p class="muted">
                    ${r.kindLabel} ·
                    ${r.status === 'repealed'
                      ? html`<span class="tag warn">${r.statusLabel}</span>`
                      : r.statusLabel}
                    ${r.currentVersion ? ` · ${r.currentVersion}` : ''}
                  </p>
                </li>`,
            )}
          </ul>
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
        </section>`,
    )}`;
}

export function casesPage(groups: MaterialGroup[]): SafeHtml {
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

const hitHref = (h: SearchHit): string | null =>
  h.materialId
    ? `/app/study/materials/${h.materialId}`
    : h.regulation
      ? `/app/study/${h.regulation.code}${h.article ? `#a${h.article}` : ''}`
      : null;

export function searchPage(q: string, result: SearchResult | null, offset: number, limit: number): SafeHtml {
  const page = (o: number) => `/app/study/search?${new URLSearchParams({ q, offset: String(o) }).toString()}`;
  return html`<h1>搜索：${q}</h1>
    ${searchForm(q)}
    ${result === null
      ? html`<p class="flash error" role="alert">
          搜索暂不可用，请从<a href="/app/study">法规目录</a>进入阅读。
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
                  <p>${markedSnippet(h.snippet)}</p>
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

export function readingPage(r: RegulationRow): SafeHtml {
  let chapter: string | null = null;
  const replaced =
    r.replacedBy && typeof r.replacedBy === 'object'
      ? html`，由<a href="/app/study/${r.replacedBy.code}">${r.replacedBy.title}</a>替代`
      : typeof r.replacedBy === 'string'
        ? `，由${r.replacedBy}替代`
        : '';
  const articles = r.articles ?? [];
  return html`<article id="reading" data-regulation="${r.code}">
    <h1>${r.title}</h1>
    <p class="muted">${r.kindLabel} · ${r.statusLabel}${r.currentVersion ? ` · ${r.currentVersion}` : ''}</p>
    ${r.status === 'repealed'
      ? html`<p class="flash error" role="note">
          本文件已于 ${r.repealedOn ?? ''} 废止${replaced}。${r.repealNote ?? ''}
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

export function materialPage(m: MaterialRow): SafeHtml {
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
                    >《${a.regulation.title}》第${articleNo(a.article)}条</a
                  >
                </li>`,
            )}
          </ul>`
      : ''}
  </article>`;
}
