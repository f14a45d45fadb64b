import { AppError } from './errors';
import { progressReporter, type ProgressReporter } from './import-progress';

export interface Upload {
  fileName: string;
  data: Buffer;
  fields: Record<string, string>;
  /** Where a long import reports how far it got (`?progressId=`; a no-op without one). */
  progress: ProgressReporter;
}

/** The request an upload came in: the reporter is kept on it so the response hook can mark it done. */
export interface ProgressRequest {
  importProgress?: ProgressReporter;
}

interface MultipartRequest {
  user?: { id?: number };
  query?: Record<string, unknown>;
  isMultipart?: () => boolean;
  parts?: () => AsyncIterable<{
    type: 'file' | 'field';
    fieldname: string;
    filename?: string;
    value?: unknown;
    toBuffer?: () => Promise<Buffer>;
    file?: { truncated: boolean };
  }>;
}

/**
 * Reads a multipart upload with one file in field `file` (plus plain fields). A file over the size limit is a 413;
 * a request without a file a 400. The file name is only ever used for its extension and in messages — it is
 * never joined to a path.
 */
export async function readUpload(req: unknown, maxBytes: number): Promise<Upload> {
  const r = req as MultipartRequest;
  if (!r.isMultipart?.() || !r.parts)
    throw AppError.badRequest('请以 multipart/form-data 上传文件（字段名 file）');
  let file: { fileName: string; data: Buffer } | undefined;
  const fields: Record<string, string> = {};
  try {
    for await (const part of r.parts()) {
      if (part.type === 'file') {
        const data = await part.toBuffer!();
        if (part.fieldname === 'file' && !file) file = { fileName: safeName(part.filename ?? ''), data };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT') {
      throw new AppError(413, `文件过大：上限为 ${formatBytes(maxBytes)}`);
    }
    throw AppError.badRequest('上传内容无法读取');
  }
  if (!file)
    throw AppError.badRequest('缺少上传文件（字段名 file）', [{ field: 'file', message: '缺少上传文件' }]);
  if (file.data.length === 0)
    throw AppError.badRequest('上传的文件是空的', [{ field: 'file', message: '文件为空' }]);
  const progress = progressReporter(r.user?.id, r.query?.progressId ?? fields.progressId);
  (req as ProgressRequest).importProgress = progress;
  progress.reading();
  return { ...file, fields, progress };
}

/** Base name only, no directories or control characters: a name is for messages and the extension. */
export function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f]/g, '').slice(0, 200) || 'upload';
}

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}
