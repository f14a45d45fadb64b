/**
 * A check of .xlsx/.docx files (ZIP archives) before exceljs or mammoth unpack them: it reads the central
 * directory from the Buffer and refuses files that are not ZIPs, have too many entries, would unpack to too much
 * data, or compress absurdly well (zip bombs). Declared sizes are then verified by inflating each entry with a
 * hard output cap, so an archive that lies about its sizes is refused too. Pure (node:zlib is used synchronously).
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  /** Most entries allowed (default 2000). */
  maxEntries?: number;
  /** Most bytes all entries may unpack to (default 50 MB). */
  maxTotalSize?: number;
  /** Highest uncompressed/compressed ratio of an entry larger than 1 MB (default 200). */
  maxRatio?: number;
  /** Inflate every entry to confirm its declared size (default true). */
  verify?: boolean;
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MB = 1024 * 1024;

function u16(data: Buffer, at: number): number {
  if (at + 2 > data.length) throw new ZipError('truncated');
  return data.readUInt16LE(at);
}
function u32(data: Buffer, at: number): number {
  if (at + 4 > data.length) throw new ZipError('truncated');
  return data.readUInt32LE(at);
}
function u64(data: Buffer, at: number): number {
  if (at + 8 > data.length) throw new ZipError('truncated');
  return Number(data.readBigUInt64LE(at));
}

function findEndOfCentralDirectory(data: Buffer): number {
  const min = Math.max(0, data.length - 22 - 0xffff);
  for (let at = data.length - 22; at >= min; at--) {
    if (data.readUInt32LE(at) === EOCD) return at;
  }
  return -1;
}

/** Reads the central directory. Throws ZipError('…') with an English reason when the archive is malformed. */
export function readZipEntries(data: Buffer): ZipEntry[] {
  if (data.length < 22) throw new ZipError('too short');
  const eocd = findEndOfCentralDirectory(data);
  if (eocd < 0) throw new ZipError('no end of central directory');
  let count = u16(data, eocd + 10);
  let cdOffset = u32(data, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || u32(data, locator) !== ZIP64_LOCATOR) throw new ZipError('bad zip64 locator');
    const record = u64(data, locator + 8);
    if (record + 56 > data.length || u32(data, record) !== ZIP64_EOCD) throw new ZipError('bad zip64 record');
    count = u64(data, record + 32);
    cdOffset = u64(data, record + 48);
  }
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (u32(data, at) !== CENTRAL) throw new ZipError('bad central directory entry');
    const flags = u16(data, at + 8);
    const method = u16(data, at + 10);
    let compressedSize = u32(data, at + 20);
    let uncompressedSize = u32(data, at + 24);
    const nameLength = u16(data, at + 28);
    const extraLength = u16(data, at + 30);
    const commentLength = u16(data, at + 32);
    let localHeaderOffset = u32(data, at + 42);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength + commentLength > data.length)
      throw new ZipError('truncated central directory');
    const name = data.toString('utf8', at + 46, nameEnd);
    // ZIP64 extended information: the 0xFFFFFFFF fields, in order, as 8-byte values.
    for (let e = nameEnd; e + 4 <= nameEnd + extraLength; ) {
      const id = u16(data, e);
      const size = u16(data, e + 2);
      if (id === 0x0001) {
        let p = e + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = u64(data, p);
          p += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(data, p);
          p += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(data, p);
      }
      e += 4 + size;
    }
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

function fileKind(kind: string): string {
  return kind ? ` ${kind}` : '';
}

/**
 * Checks an .xlsx/.docx buffer. Returns a Chinese message for the trainer when the file must be refused, or
 * undefined when it is safe to open. Never throws.
 */
export function checkZip(data: Buffer, kind = '', limits: ZipLimits = {}): string | undefined {
  const maxEntries = limits.maxEntries ?? 2000;
  const maxTotalSize = limits.maxTotalSize ?? 50 * MB;
  const maxRatio = limits.maxRatio ?? 200;
  const notZip = `文件不是有效的${fileKind(kind)}文件（可能已损坏，或只是改了扩展名），请用 Office/WPS 重新保存后上传`;
  if (data.length < 4 || data.readUInt32LE(0) !== LOCAL) return notZip;
  let entries: ZipEntry[];
  try {
    entries = readZipEntries(data);
  } catch {
    return notZip;
  }
  if (entries.length === 0) return notZip;
  if (entries.length > maxEntries)
    return `文件包含的内部条目过多（${entries.length}个，上限${maxEntries}个），已拒绝`;
  let total = 0;
  for (const entry of entries) {
    if (entry.flags & 0x1) return '文件已加密，请取消密码保护后重新上传';
    total += entry.uncompressedSize;
    if (total > maxTotalSize) {
      return `文件解压后过大（超过${Math.round(maxTotalSize / MB)} MB），已拒绝；请删除图片等无关内容或拆分后上传`;
    }
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > MB && ratio > maxRatio) {
      return `文件的压缩比异常（${Math.round(ratio)}:1），疑似“压缩炸弹”，已拒绝`;
    }
  }
  if (limits.verify === false) return undefined;
  for (const entry of entries) {
    const problem = verifyEntry(data, entry);
    if (problem) return problem === 'corrupt' ? notZip : '文件内容与其声明的大小不符，疑似“压缩炸弹”，已拒绝';
  }
  return undefined;
}

/** The stored (compressed) bytes of an entry, or undefined when its local header is broken. */
export function entryBytes(data: Buffer, entry: ZipEntry): Buffer | undefined {
  try {
    const at = entry.localHeaderOffset;
    if (u32(data, at) !== LOCAL) return undefined;
    const start = at + 30 + u16(data, at + 26) + u16(data, at + 28);
    const end = start + entry.compressedSize;
    return end > data.length ? undefined : data.subarray(start, end);
  } catch {
    return undefined;
  }
}

/** Inflates one entry with its declared size as a hard cap. */
function verifyEntry(data: Buffer, entry: ZipEntry): 'corrupt' | 'size' | undefined {
  try {
    const at = entry.localHeaderOffset;
    if (u32(data, at) !== LOCAL) return 'corrupt';
    const start = at + 30 + u16(data, at + 26) + u16(data, at + 28);
    const end = start + entry.compressedSize;
    if (end > data.length) return 'corrupt';
    const raw = data.subarray(start, end);
    if (entry.method === 0) return entry.compressedSize === entry.uncompressedSize ? undefined : 'size';
    if (entry.method !== 8) return 'corrupt';
    let out: Buffer;
    try {
      out = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (e) {
      return (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'size' : 'corrupt';
    }
    return out.length === entry.uncompressedSize ? undefined : 'size';
  } catch {
    return 'corrupt';
  }
}
