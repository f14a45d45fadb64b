/**
 * Reads an uploaded law text (.txt, .md, .docx) into plain lines for splitLawText. Line N of the result is line N
 * of a text file, paragraph N of a .docx — so splitter errors point at what the trainer sees.
 */
import { jobEventsOf, type ProgressReporter } from '../common/import-progress';
import * as path from 'node:path';
import mammoth from 'mammoth';
import { decodeText, DecodeError } from '../common/text-decode';
import { extensionOf } from '../common/upload';
import { checkUploadLimits, uploadLimits, type UploadLimits } from '../common/upload-limits';
import { runInWorker } from '../common/worker-pool';
import { checkZip } from '../common/zip-guard';

export const LAW_TEXT_EXTENSIONS = ['txt', 'md', 'docx'];

export async function readLawText(
  fileName: string,
  data: Buffer,
): Promise<{ text: string } | { error: string; status: 400 | 415 }> {
  const ext = extensionOf(fileName);
  if (!LAW_TEXT_EXTENSIONS.includes(ext))
    return {
      status: 415,
      error: `不支持的文件类型“.${ext || '?'}”：法规条文请上传 .txt、.md 或 .docx（.doc/.wps 请先另存为 .docx）`,
    };
  if (ext === 'docx') {
    const refused = checkZip(data, 'Word（.docx）');
    if (refused) return { status: 400, error: refused };
    try {
      const raw = (await mammoth.extractRawText({ buffer: data })).value;
      return {
        text: raw
          .replace(/\n\n$/, '')
          .split('\n\n')
          .map((p) => p.replace(/\n/g, ' '))
          .join('\n'),
      };
    } catch {
      return {
        status: 400,
        error: '无法读取 Word 文件，文件可能已损坏或不是 .docx 格式，请另存为 .docx 后重新上传',
      };
    }
  }
  try {
    const { text } = decodeText(data);
    return { text: ext === 'md' ? stripMarkdown(text) : text };
  } catch (e) {
    if (e instanceof DecodeError) return { status: 400, error: e.message };
    throw e;
  }
}

/** Worker side of readLawTextInWorker: the upload limits, then readLawText. */
export async function readLawTextJob(fileName: string, data: Buffer, limits: UploadLimits) {
  await checkUploadLimits(fileName, data, limits);
  return readLawText(fileName, data);
}

/** readLawText of an upload in a worker thread, after the upload limits (413 naming the limit). */
export function readLawTextInWorker(
  fileName: string,
  data: Buffer,
  progress?: ProgressReporter,
): ReturnType<typeof readLawText> {
  return runInWorker(
    path.join(__dirname, 'law-upload'),
    'readLawTextJob',
    [fileName, data, uploadLimits()],
    jobEventsOf(progress),
  );
}

/** Markdown heading marks, emphasis and quote marks removed, line by line (line numbers are kept). */
export function stripMarkdown(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) =>
      l
        .replace(/^\s{0,3}#{1,6}\s+/, '')
        .replace(/^\s{0,3}>\s?/, '')
        .replace(/\*\*|__/g, ''),
    )
    .join('\n');
}
