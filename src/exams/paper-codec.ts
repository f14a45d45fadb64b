import type { PaperEntry } from './attempt-paper.entity';

/**
 * A paper as stored in attempt_paper.items: one JSON array per question, in display order,
 * `[part, questionId, revisionId, type, points, optionOrder, blanks]`. About 50 bytes a question where a JSON object
 * with its field names took ~120: a 100-question paper is ~5 KB instead of ~12 KB (two pages fewer to write at the
 * start, half the text to parse at every submit and resume, and ~7 GB less for a million attempts; issue #19).
 */
export function packPaper(items: readonly PaperEntry[]): string {
  const rows = new Array<unknown[]>(items.length);
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    rows[i] = [it.part, it.questionId, it.revisionId, it.type, it.points, it.optionOrder, it.blanks];
  }
  return JSON.stringify(rows);
}

/** The stored paper back; a row that is not a paper throws (it is corrupt: nothing could score it). */
export function unpackPaper(text: string): PaperEntry[] {
  const rows = JSON.parse(text) as unknown;
  if (!Array.isArray(rows)) throw new Error('stored paper is not an array');
  const out = new Array<PaperEntry>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as unknown[];
    if (
      !Array.isArray(r) ||
      r.length !== 7 ||
      typeof r[0] !== 'string' ||
      typeof r[1] !== 'number' ||
      typeof r[2] !== 'number' ||
      typeof r[3] !== 'string' ||
      typeof r[4] !== 'number' ||
      (r[5] !== null && !Array.isArray(r[5])) ||
      typeof r[6] !== 'number'
    )
      throw new Error(`stored paper item ${i} is not a paper entry`);
    out[i] = {
      part: r[0],
      questionId: r[1],
      revisionId: r[2],
      type: r[3] as PaperEntry['type'],
      points: r[4],
      optionOrder: r[5] as unknown[] | null,
      blanks: r[6],
    };
  }
  return out;
}
