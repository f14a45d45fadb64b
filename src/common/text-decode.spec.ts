import fc from 'fast-check';
import { BINARY_MESSAGE, decodeText, DecodeError, ENCODING_MESSAGE } from './text-decode';
import { encodeGbk } from '../../test/factories/question-files';

const sut = decodeText;

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return be;
}

describe('decodeText', () => {
  const text = '一、单选题\r\n1. 退役军人保障法自（ ）起施行。\r\n答案：B\r\n';

  it('reads UTF-8 without a BOM', () => {
    expect(sut(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
  });

  it('strips a UTF-8 BOM', () => {
    expect(sut(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({
      text,
      encoding: 'utf-8',
    });
  });

  it('reads UTF-16LE (Notepad "Unicode") by its BOM', () => {
    const data = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(sut(data)).toEqual({ text, encoding: 'utf-16le' });
  });

  it('reads UTF-16BE by its BOM', () => {
    const data = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]);
    expect(sut(data)).toEqual({ text, encoding: 'utf-16be' });
  });

  it('reads GBK bytes built by hand: 单选 is B5 A5 D1 A1', () => {
    expect(sut(Buffer.from([0xb5, 0xa5, 0xd1, 0xa1]))).toEqual({ text: '单选', encoding: 'gb18030' });
  });

  it('reads a whole GBK file as Excel on Chinese Windows saves it', () => {
    const csv =
      '题型,题干,选项A,选项B,答案\r\n单选题,退役军人保障法自（ ）起施行。,2021年1月1日,2022年1月1日,A\r\n';
    const data = encodeGbk(csv);
    expect(data.subarray(0, 4)).toEqual(Buffer.from([0xcc, 0xe2, 0xd0, 0xcd])); // 题型
    expect(sut(data)).toEqual({ text: csv, encoding: 'gb18030' });
  });

  it('refuses data with NUL bytes as binary', () => {
    expect(() => sut(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41]))).toThrow(
      new DecodeError(BINARY_MESSAGE),
    );
  });

  it('refuses text full of control characters', () => {
    const data = Buffer.from('abc\x01\x02\x03\x04def\x05\x06', 'latin1');
    expect(() => sut(data)).toThrow(BINARY_MESSAGE);
  });

  it('refuses a UTF-16 file with an odd number of bytes', () => {
    expect(() => sut(Buffer.from([0xff, 0xfe, 0x41]))).toThrow(ENCODING_MESSAGE);
  });

  it('refuses mostly undecodable bytes', () => {
    // 0x80 and 0xFF are not valid GB18030 lead bytes.
    const data = Buffer.from(Array.from({ length: 40 }, (_, i) => (i % 2 ? 0x80 : 0xff)));
    expect(() => sut(data)).toThrow(ENCODING_MESSAGE);
  });

  it('decodes an empty file to empty text', () => {
    expect(sut(Buffer.alloc(0))).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('round-trips any UTF-8 text without control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const clean = [...s]
          .filter((ch) => {
            const code = ch.codePointAt(0)!;
            return (
              !(code < 0x20 && ![0x09, 0x0a, 0x0b, 0x0c, 0x0d].includes(code)) &&
              code !== 0x7f &&
              ch !== '\ufeff' &&
              ch !== '\ufffd'
            );
          })
          .join('');
        expect(sut(Buffer.from(clean, 'utf8')).text).toBe(clean);
      }),
    );
  });

  it('either decodes or throws a DecodeError for arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          expect(typeof sut(bytes).text).toBe('string');
        } catch (e) {
          expect(e).toBeInstanceOf(DecodeError);
        }
      }),
    );
  });
});
