import fc from 'fast-check';
import { toXlsx } from './sheet';
import { buildDocx, buildZip } from '../../test/factories/question-files';
import { checkZip, readZipEntries } from './zip-guard';

const sut = checkZip;
const MB = 1024 * 1024;
const NOT_ZIP =
  '文件不是有效的 Word（.docx）文件（可能已损坏，或只是改了扩展名），请用 Office/WPS 重新保存后上传';

describe('checkZip', () => {
  it('lets a real .xlsx and a .docx through', async () => {
    expect(sut(await toXlsx('表', ['题型'], [['单选']]), 'Excel（.xlsx）')).toBeUndefined();
    expect(sut(buildDocx(['1. 题干', '答案：对']), 'Word（.docx）')).toBeUndefined();
  });

  it('refuses a file that is not a ZIP', () => {
    expect(sut(Buffer.from('一、单选题\n1. 题干'), 'Word（.docx）')).toBe(NOT_ZIP);
    expect(sut(Buffer.alloc(0), 'Word（.docx）')).toBe(NOT_ZIP);
  });

  it('refuses a truncated ZIP', () => {
    const docx = buildDocx(['1. 题干', '答案：对']);
    expect(sut(docx.subarray(0, docx.length - 30), 'Word（.docx）')).toBe(NOT_ZIP);
  });

  it('refuses a zip bomb that declares a huge uncompressed size', () => {
    const bomb = buildZip([
      { name: 'word/document.xml', data: Buffer.alloc(2 * MB, 0x20), declaredSize: 0xfffffff0 },
    ]);
    expect(sut(bomb)).toBe('文件解压后过大（超过50 MB），已拒绝；请删除图片等无关内容或拆分后上传');
  });

  it('adds up the entries against the total limit', () => {
    const zip = buildZip(
      Array.from({ length: 6 }, (_, i) => ({
        name: `xl/part${i}.xml`,
        data: Buffer.alloc(10, 0x41),
        declaredSize: 10 * MB,
      })),
    );
    expect(sut(zip, '', { maxRatio: 1e9, verify: false })).toBe(
      '文件解压后过大（超过50 MB），已拒绝；请删除图片等无关内容或拆分后上传',
    );
    expect(sut(zip, '', { maxTotalSize: 100 * MB, maxRatio: 1e9, verify: false })).toBeUndefined();
  });

  it('refuses an absurd compression ratio', () => {
    const zip = buildZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * MB, 0x20) }]);
    const ratio = Math.round((20 * MB) / readZipEntries(zip)[0].compressedSize);
    expect(ratio).toBeGreaterThan(200);
    expect(sut(zip)).toBe(`文件的压缩比异常（${ratio}:1），疑似“压缩炸弹”，已拒绝`);
  });

  it('refuses an archive whose entries unpack to more than they declare', () => {
    const liar = buildZip([
      { name: 'word/document.xml', data: Buffer.alloc(300_000, 0x41), declaredSize: 1000 },
    ]);
    expect(sut(liar)).toBe('文件内容与其声明的大小不符，疑似“压缩炸弹”，已拒绝');
  });

  it('refuses too many entries', () => {
    const zip = buildZip(
      Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, data: 'x', method: 'store' as const })),
    );
    expect(sut(zip, '', { maxEntries: 20 })).toBe('文件包含的内部条目过多（30个，上限20个），已拒绝');
  });

  it('refuses encrypted entries', () => {
    const zip = buildZip([{ name: 'a.xml', data: 'x', method: 'store' }]);
    const cd = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt16LE(0x0801, cd + 8);
    expect(sut(zip)).toBe('文件已加密，请取消密码保护后重新上传');
  });

  it('never throws on arbitrary or mutated bytes', () => {
    const docx = buildDocx(['1. 题干', '答案：对']);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), (bytes) => {
        const result = sut(Buffer.from(bytes));
        expect(result === undefined || typeof result === 'string').toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.nat(docx.length - 1), fc.integer({ min: 0, max: 255 }), (at, value) => {
        const copy = Buffer.from(docx);
        copy[at] = value;
        const result = sut(copy);
        expect(result === undefined || typeof result === 'string').toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
