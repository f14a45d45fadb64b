import { readLawText, stripMarkdown } from './law-upload';

describe('readLawText', () => {
  it('reads UTF-8 and GBK text files', async () => {
    expect(await readLawText('a.txt', Buffer.from('第一条　甲。'))).toEqual({ text: '第一条　甲。' });
  });

  it('strips Markdown marks but keeps the lines', async () => {
    expect(stripMarkdown('# 某某办法\n## 第一章 总则\n**第一条** 甲。\n> 注')).toBe(
      '某某办法\n第一章 总则\n第一条 甲。\n注',
    );
    expect(await readLawText('a.md', Buffer.from('## 第一章 总则\n第一条 甲。'))).toEqual({
      text: '第一章 总则\n第一条 甲。',
    });
  });

  it('refuses other file types with 415 and a broken .docx with 400', async () => {
    expect(await readLawText('a.pdf', Buffer.from('x'))).toMatchObject({ status: 415 });
    expect(await readLawText('a.docx', Buffer.from('not a zip'))).toMatchObject({ status: 400 });
  });
});
