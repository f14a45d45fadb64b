/**
 * What a dry run shows the trainer for each question it read: the question as it will be stored, in the API's
 * answer shapes (single 'B', multiple ['A','C'], true-false boolean, fill-blank string[] with one answer per
 * blank), with the warnings that concern it. Pure.
 */
import { formatCitation } from './parsers/citation';
import type {
  Citation,
  ImportIssue,
  OptionKey,
  ParsedQuestion,
  QuestionStatus,
  QuestionType,
} from './question.types';

/**
 * Questions a dry run previews at once. A 10,000-question file would otherwise answer with some 6 MB of JSON, built
 * and written on the server's one event loop (about a second in which no answer is saved) for a page nobody reads
 * at once; `previewFrom` pages through the rest.
 */
export const PREVIEW_PAGE = 500;

/** The slice [start, end) of `total` questions a dry run previews, from the 1-based `from` (past the end: empty). */
export function previewWindow(total: number, from = 1): { start: number; end: number } {
  const start = Math.min(Math.max(0, from - 1), total);
  return { start, end: Math.min(total, start + PREVIEW_PAGE) };
}

/** What the import will do with a question. */
export type PreviewOutcome = 'new' | 'update' | 'duplicate' | 'invalid';

export interface PreviewItem {
  line?: number;
  row?: number;
  sheet?: string;
  type: QuestionType;
  stem: string;
  options: { key: OptionKey; text: string }[];
  /** single 'B'; multiple ['A','C']; true-false boolean; fill-blank one answer per blank. */
  answer: OptionKey | OptionKey[] | boolean | string[];
  /** Fill-blank only: every accepted answer of each blank (the first is `answer`'s). */
  accepted?: string[][];
  explanation: string | null;
  citation: (Citation & { text: string }) | null;
  /** The status the question will have once imported (draft unless approved on import). */
  status: QuestionStatus;
  outcome: PreviewOutcome;
  warnings: ImportIssue[];
}

/** A parsed question as the preview shows it. */
export function toPreviewItem(
  parsed: ParsedQuestion,
  extra: { status: QuestionStatus; outcome: PreviewOutcome; warnings: ImportIssue[] },
): PreviewItem {
  const q = parsed.question;
  const where = parsed.row !== undefined ? { row: parsed.row } : { line: parsed.line };
  const fill = q.type === 'fill-blank' ? (q.answer as string[][]) : undefined;
  return {
    ...where,
    ...(parsed.sheet ? { sheet: parsed.sheet } : {}),
    type: q.type,
    stem: q.stem,
    options: q.options.map(({ key, text }) => ({ key, text })),
    answer: fill ? fill.map((alternatives) => alternatives[0]) : (q.answer as PreviewItem['answer']),
    ...(fill ? { accepted: fill.map((a) => [...a]) } : {}),
    explanation: q.explanation ?? null,
    citation: q.citation ? { ...q.citation, text: formatCitation(q.citation) } : null,
    status: extra.status,
    outcome: extra.outcome,
    warnings: extra.warnings,
  };
}
