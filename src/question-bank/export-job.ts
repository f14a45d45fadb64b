/**
 * Bank exports run in a worker thread (see runInWorker): building a YAML, xlsx or text file of 5,000 questions takes
 * 0.5–1 s of CPU (measured: YAML 537 ms, xlsx 1,022 ms, text 686 ms including reading it back), which on the event
 * loop would hold up every candidate's save for that long. The workers are the upload parsers' pool (IMPORT_WORKERS,
 * IMPORT_QUEUE): an export waits behind the uploads and gets the same 503 when the queue is full.
 */
import * as path from 'node:path';
import { runInWorker } from '../common/worker-pool';
import { exportBankXlsx, exportBankYaml } from './parsers';
import { exportBankText, TextExportError } from './parsers/text-export';
import type { BankMeta, QuestionDraft } from './question.types';

/** A text export: the file, or the question that cannot be written faithfully (index into the drafts). */
export type TextExportResult =
  | { ok: true; body: string }
  | { ok: false; index: number; reason: string; message: string };

/** Worker side of the exports. */
export function exportYamlJob(meta: BankMeta, drafts: QuestionDraft[]): string {
  return exportBankYaml(meta, drafts);
}

/** Wrapped: the worker's reply spreads a top-level object, which would turn a bare Buffer into a plain object. */
export async function exportXlsxJob(drafts: QuestionDraft[]): Promise<{ body: Buffer }> {
  return { body: await exportBankXlsx(drafts) };
}

/** TextExportError does not cross the thread boundary as itself: it comes back as a value. */
export function exportTextJob(drafts: QuestionDraft[]): TextExportResult {
  try {
    return { ok: true, body: exportBankText(drafts) };
  } catch (e) {
    if (!(e instanceof TextExportError)) throw e;
    return { ok: false, index: e.index, reason: e.reason, message: e.message };
  }
}

const JOB = path.join(__dirname, 'export-job');

/** The exports, off the event loop. */
export const exportsInWorker = {
  yaml: (meta: BankMeta, drafts: QuestionDraft[]): Promise<string> =>
    runInWorker<string>(JOB, 'exportYamlJob', [meta, drafts]),
  // A Buffer posted by a worker arrives as a Uint8Array.
  xlsx: async (drafts: QuestionDraft[]): Promise<Buffer> => {
    const { body } = await runInWorker<{ body: Uint8Array }>(JOB, 'exportXlsxJob', [drafts]);
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  },
  text: (drafts: QuestionDraft[]): Promise<TextExportResult> =>
    runInWorker<TextExportResult>(JOB, 'exportTextJob', [drafts]),
};
