/**
 * Question files are parsed in a worker thread (see runInWorker), after the upload limits, through the parsers'
 * own entry point parseQuestionFile — its signature and behaviour are unchanged.
 */
import { jobEventsOf, type ProgressReporter } from '../common/import-progress';
import * as path from 'node:path';
import { checkUploadLimits, uploadLimits, type UploadLimits } from '../common/upload-limits';
import { runInWorker } from '../common/worker-pool';
import { parseQuestionFile, type ParseOptions } from './parsers';
import type { ParseResult } from './question.types';

/** Worker side: the upload limits (413 naming the limit), then parseQuestionFile. */
export async function parseQuestionFileJob(
  fileName: string,
  data: Buffer,
  opts: ParseOptions,
  limits: UploadLimits,
): Promise<ParseResult> {
  await checkUploadLimits(fileName, data, limits);
  return parseQuestionFile(fileName, data, opts);
}

/** parseQuestionFile of an upload, off the event loop. */
export function parseQuestionFileInWorker(
  fileName: string,
  data: Buffer,
  opts: ParseOptions = {},
  progress?: ProgressReporter,
): Promise<ParseResult> {
  return runInWorker(
    path.join(__dirname, 'parse-job'),
    'parseQuestionFileJob',
    [fileName, data, opts, uploadLimits()],
    jobEventsOf(progress),
  );
}
