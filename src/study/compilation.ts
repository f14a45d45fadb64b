/**
 * The compilation of documents in force (政策法规文件选编) as a printable HTML page. Pure: everything is
 * HTML-escaped here.
 */
import { escapeHtml } from '../common/html';

export interface CompilationDocument {
  title: string;
  kindLabel: string;
  issuer: string | null;
  docNumber: string | null;
  curriculumLabel: string;
  version: string | null;
  effectiveOn: string | null;
  excerpt: boolean;
  articles: { label: string; chapter: string | null; text: string }[];
}

export interface Compilation {
  title: string;
  asOf: string;
  scopeLabel: string;
  documents: CompilationDocument[];
}

const PRINT_CSS = `
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; margin: 2em auto; max-width: 48em; line-height: 1.8; color: #000; }
h1 { text-align: center; font-size: 1.8em; }
h2 { font-size: 1.3em; margin-top: 2em; border-bottom: 1px solid #999; }
h3 { font-size: 1.05em; margin: 1em 0 0.3em; }
.meta { color: #444; font-size: 0.9em; }
.count { text-align: center; }
table.toc { width: 100%; border-collapse: collapse; font-size: 0.95em; }
table.toc th, table.toc td { border: 1px solid #999; padding: 0.2em 0.5em; text-align: left; }
p.article { text-indent: 2em; margin: 0.3em 0; white-space: pre-line; }
.note { color: #666; font-size: 0.85em; }
@media print {
  body { margin: 0; max-width: none; }
  section.document { page-break-before: always; }
  a { color: #000; text-decoration: none; }
}
@page { size: A4; margin: 2cm; }
`.trim();

export function renderCompilationHtml(c: Compilation): string {
  const e = escapeHtml;
  const toc = c.documents
    .map(
      (d, i) =>
        `<tr><td>${i + 1}</td><td><a href="#doc-${i + 1}">${e(d.title)}</a></td><td>${e(d.kindLabel)}</td><td>${e(d.issuer ?? '')}</td><td>${e(d.docNumber ?? '')}</td><td>${e(d.effectiveOn ?? '')}</td></tr>`,
    )
    .join('\n');
  const docs = c.documents
    .map((d, i) => {
      let chapter: string | null = null;
      const articles = d.articles
        .map((a) => {
          const heading = a.chapter && a.chapter !== chapter ? `<h3>${e(a.chapter)}</h3>\n` : '';
          chapter = a.chapter ?? chapter;
          return `${heading}<p class="article"><strong>${e(a.label)}</strong>\u3000${e(a.text)}</p>`;
        })
        .join('\n');
      const meta = [
        d.kindLabel,
        d.issuer,
        d.docNumber,
        d.version ? `现行版本：${d.version}` : null,
        d.effectiveOn ? `施行日期：${d.effectiveOn}` : null,
        d.curriculumLabel,
      ]
        .filter(Boolean)
        .map((x) => e(x as string))
        .join('\u3000');
      const body = d.articles.length
        ? (d.excerpt ? '<p class="note">（节选：仅收录部分条文）</p>\n' : '') + articles
        : '<p class="note">（本平台未收录条文）</p>';
      return `<section class="document" id="doc-${i + 1}">\n<h2>${i + 1}. ${e(d.title)}</h2>\n<p class="meta">${meta}</p>\n${body}\n</section>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${e(c.title)}</title>
<style>
${PRINT_CSS}
</style>
</head>
<body>
<h1>${e(c.title)}</h1>
<p class="count">${e(c.scopeLabel)}\u3000截至 ${e(c.asOf)} 现行有效文件共 <strong>${c.documents.length}</strong> 件</p>
<h2>目录</h2>
<table class="toc">
<thead><tr><th>序号</th><th>文件名称</th><th>类别</th><th>制定机关</th><th>文号</th><th>施行日期</th></tr></thead>
<tbody>
${toc}
</tbody>
</table>
${docs}
</body>
</html>
`;
}
