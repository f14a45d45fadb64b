import { CompilationDocument, renderCompilationHtml } from './compilation';

const doc = (over: Partial<CompilationDocument> = {}): CompilationDocument => ({
  title: '中华人民共和国退役军人保障法',
  kindLabel: '法律',
  issuer: '全国人民代表大会常务委员会',
  docNumber: null,
  curriculumLabel: '共同科目',
  version: '2020年公布',
  effectiveOn: '2021-01-01',
  excerpt: true,
  articles: [
    { label: '第一条', chapter: '第一章 总则', text: '为了加强退役军人保障工作，制定本法。' },
    { label: '第二条', chapter: '第一章 总则', text: '本法所称退役军人……' },
  ],
  ...over,
});

describe('renderCompilationHtml', () => {
  it('prints the count of documents, a table of contents and every article under its chapter', () => {
    const sut = renderCompilationHtml({
      title: '政策法规文件选编',
      asOf: '2026-03-01',
      scopeLabel: '全部业务条线',
      documents: [doc(), doc({ title: '烈士褒扬条例', articles: [], excerpt: false })],
    });
    expect(sut).toContain('<html lang="zh-CN">');
    expect(sut).toContain('@media print');
    expect(sut).toContain('现行有效文件共 <strong>2</strong> 件');
    expect(sut).toContain('<a href="#doc-2">烈士褒扬条例</a>');
    expect(sut.match(/<h3>第一章 总则<\/h3>/g)).toHaveLength(1);
    expect(sut).toContain('<strong>第二条</strong>');
    expect(sut).toContain('（节选：仅收录部分条文）');
    expect(sut).toContain('（本平台未收录条文）');
  });

  it('escapes every text', () => {
    const sut = renderCompilationHtml({
      title: '<script>',
      asOf: '2026-03-01',
      scopeLabel: 'x',
      documents: [
        doc({ title: '<img src=x>', articles: [{ label: '第一条', chapter: null, text: 'a & b' }] }),
      ],
    });
    expect(sut).not.toContain('<script>');
    expect(sut).not.toContain('<img');
    expect(sut).toContain('a &amp; b');
  });
});
