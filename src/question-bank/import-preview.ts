/**
 * What a dry run shows the trainer for each question it read: the question as it will be stored, in the API's
 * answer shapes (single 'B', multiple ['A','C'], true-false boolean, fill-blank string[] with one answer per
 * blank), with the warnings that concern it. Pure.
 */
import { formatCitation } from './parsers/citation';
import type {
  AnswerKey,
  CaseKey,
  Citation,
  ImportIssue,
  OptionKey,
  ParsedQuestion,
  QuestionStatus,
  QuestionType,
  RubricPoint,
  WrittenKey,
} from './question.types';
import { isWrittenType, writtenMax } from './question.types';

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
  /**
   * single 'B'; multiple ['A','C']; true-false boolean; fill-blank one answer per blank; short-answer
   * { reference, rubric } and case { questions }, each citation with its `text` (《…》第N条).
   */
  answer: OptionKey | OptionKey[] | boolean | string[] | AnswerKey;
  /** Written questions: the most points (the rubric's sum, or a case's sub-questions' sum). */
  points?: number;
  /** Fill-blank only: every accepted answer of each blank (the first is `answer`'s). */
  accepted?: string[][];
  explanation: string | null;
  citation: (Citation & { text: string }) | null;
  /** The status the question will have once imported (draft unless approved on import). */
  status: QuestionStatus;
  outcome: PreviewOutcome;
  warnings: ImportIssue[];
}

type Cited = Citation & { text: string };
const cited = (c: Citation): Cited => ({ ...c, text: formatCitation(c) });
const rubricPreview = (rubric: RubricPoint[]) =>
  rubric.map((r) => ({ ...r, ...(r.citation ? { citation: cited(r.citation) } : {}) }));

/** A written key as the preview shows it: every citation with its text, for the trainer to check. */
function writtenPreview(type: 'short-answer' | 'case', answer: AnswerKey): AnswerKey {
  if (type === 'short-answer') {
    const key = answer as WrittenKey;
    return { reference: key.reference, rubric: rubricPreview(key.rubric) };
  }
  return {
    questions: (answer as CaseKey).questions.map((q) => ({
      ...q,
      ...(q.citation ? { citation: cited(q.citation) } : {}),
      ...(q.type === 'short-answer'
        ? {
            answer: {
              reference: (q.answer as WrittenKey).reference,
              rubric: rubricPreview((q.answer as WrittenKey).rubric),
            },
          }
        : {}),
    })),
  };
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
    answer: fill
      ? fill.map((alternatives) => alternatives[0])
      : isWrittenType(q.type)
        ? writtenPreview(q.type, q.answer)
        : q.answer,
    ...(isWrittenType(q.type) ? { points: writtenMax(q.type, q.answer as WrittenKey | CaseKey) } : {}),
    ...(fill ? { accepted: fill.map((a) => [...a]) } : {}),
    explanation: q.explanation ?? null,
    citation: q.citation ? { ...q.citation, text: formatCitation(q.citation) } : null,
    status: extra.status,
    outcome: extra.outcome,
    warnings: extra.warnings,
  };
}
