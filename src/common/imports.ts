/**
 * The rules every file import shares (roster, certificates, question banks): a dry run by default, and with
 * `mode=all` a file with any error writes nothing and is answered 422 with every error and the summary.
 */
import { AppError, ErrorDetail } from './errors';

export interface ImportOptions {
  dryRun: boolean;
  mode: 'all' | 'valid';
}

/** From the query string (or multipart fields): anything but dryRun=false is a dry run; mode is all unless 'valid'. */
export function importOptions(dryRun?: string, mode?: string): ImportOptions {
  return { dryRun: dryRun !== 'false', mode: mode === 'valid' ? 'valid' : 'all' };
}

/** Throws the 422 of an all-or-nothing import that found errors; `what` names what was not imported (数据, 题目). */
export function rejectIfInvalid(
  fileName: string,
  errors: ErrorDetail[],
  summary: Record<string, unknown>,
  opts: ImportOptions,
  what = '数据',
): void {
  if (errors.length && opts.mode === 'all') {
    throw AppError.unprocessable(
      `${fileName}：发现 ${errors.length} 处错误，未导入任何${what}`,
      errors,
      summary,
    );
  }
}
