/**
 * Bytes → text for the text formats (.txt, .csv, .yaml, .json, .gift, .aiken). Trainers' files come from Windows
 * Notepad and Excel, so besides UTF-8 they are often UTF-16 (Notepad "Unicode") or GBK (Excel's "CSV"). Pure.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** The file is not text we can read; `message` is for the trainer. */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

export const BINARY_MESSAGE =
  '文件不是文本文件（含有二进制内容），请确认上传的是题库文本文件，或另存为 UTF-8 文本后重新上传';
export const ENCODING_MESSAGE = '无法识别文件的文字编码（出现大量乱码），请另存为 UTF-8 编码后重新上传';

/** Share of suspicious characters above which the text is refused. */
const MAX_SUSPICIOUS_SHARE = 0.01;

function startsWith(data: Uint8Array, prefix: number[]): boolean {
  return data.length >= prefix.length && prefix.every((b, i) => data[i] === b);
}

function strictDecode(encoding: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** C0 control characters other than tab, line feed, vertical tab, form feed, carriage return and Ctrl-Z. */
function isSuspiciousControl(code: number): boolean {
  return (code < 0x20 && ![0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1a].includes(code)) || code === 0x7f;
}

function assertLooksLikeText(text: string): void {
  let controls = 0;
  let replacements = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) throw new DecodeError(BINARY_MESSAGE);
    if (code === 0xfffd) replacements++;
    else if (isSuspiciousControl(code)) controls++;
  }
  const limit = Math.max(1, text.length * MAX_SUSPICIOUS_SHARE);
  if (controls > limit) throw new DecodeError(BINARY_MESSAGE);
  if (replacements > limit) throw new DecodeError(ENCODING_MESSAGE);
}

/**
 * Decodes a text file: a BOM decides UTF-8/UTF-16LE/UTF-16BE; otherwise strict UTF-8, else GB18030 (a superset
 * of GBK and GB2312). The BOM is removed. Throws DecodeError (Chinese message) for binary data or text that is
 * mostly undecodable.
 */
export function decodeText(data: Uint8Array): DecodedText {
  if (startsWith(data, [0xef, 0xbb, 0xbf])) {
    const text = strictDecode('utf-8', data.subarray(3));
    if (text === undefined)
      throw new DecodeError('文件标明为 UTF-8 编码，但内容不是有效的 UTF-8，请重新保存后上传');
    assertLooksLikeText(text);
    return { text, encoding: 'utf-8' };
  }
  for (const [bom, encoding] of [
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ] as const) {
    if (startsWith(data, [...bom])) {
      const text = strictDecode(encoding, data.subarray(2));
      if (text === undefined) throw new DecodeError(ENCODING_MESSAGE);
      assertLooksLikeText(text);
      return { text, encoding };
    }
  }
  if (data.includes(0)) throw new DecodeError(BINARY_MESSAGE);
  const utf8 = strictDecode('utf-8', data);
  if (utf8 !== undefined) {
    assertLooksLikeText(utf8);
    return { text: utf8, encoding: 'utf-8' };
  }
  const gb = new TextDecoder('gb18030', { ignoreBOM: true }).decode(data);
  assertLooksLikeText(gb);
  return { text: gb, encoding: 'gb18030' };
}
