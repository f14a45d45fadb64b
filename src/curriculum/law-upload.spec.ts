import { encodeGbk } from '../../test/factories/question-files';
import { readLawText, stripMarkdown } from './law-upload';

describe('readLawText', () => {
  it('reads UTF-8 and GBK text files', async () => {
    const law =
      '中华人民共和国退役军人保障法\n第一章　总则\n第一条　为了加强退役军人保障工作，维护退役军人合法权益，制定本法。';
    expect(await readLawText('a.txt', Buffer.from(law, 'utf8'))).toEqual({ text: law });
    // The same text as Notepad on Chinese Windows saves it: GBK bytes, which are not valid UTF-8.
    const gbk = encodeGbk(law);
    expect(gbk.subarray(0, 2)).toEqual(Buffer.from([0xd6, 0xd0])); // 中
    expect(gbk.toString('utf8')).toContain('\ufffd');
    expect(await readLawText('a.txt', gbk)).toEqual({ text: law });
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
