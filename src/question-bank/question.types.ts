/**
 * The question model shared by every import format, the YAML banks in `question-banks/`, the exam engine and the
 * exporters. Pure types: no Nest or TypeORM imports.
 */
import { CURRICULA, type Curriculum } from '../common/business-lines';

export const QUESTION_TYPES = [
  'single',
  'multiple',
  'true-false',
  'fill-blank',
  'short-answer',
  'case',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Scored by the server at once. */
export const OBJECTIVE_TYPES = ['single', 'multiple', 'true-false', 'fill-blank'] as const;
export type ObjectiveType = (typeof OBJECTIVE_TYPES)[number];

/** Marked by people against a rubric (简答题), or holding such a sub-question (案例分析题). */
export const WRITTEN_TYPES = ['short-answer', 'case'] as const;
export type WrittenType = (typeof WRITTEN_TYPES)[number];

export function isWrittenType(type: string): type is WrittenType {
  return type === 'short-answer' || type === 'case';
}

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  single: '单选题',
  multiple: '多选题',
  'true-false': '判断题',
  'fill-blank': '填空题',
  'short-answer': '简答题',
  case: '案例分析题',
};

/** One scoring point (评分要点) of a written answer: what earns the points, and the article it rests on. */
export interface RubricPoint {
  point: string;
  /** Whole or half points. */
  points: number;
  citation?: Citation;
  /** Words highlighted for the marker; never scored automatically. */
  keywords: string[];
}

/** The key of a short-answer question: the reference answer a marker reads and the rubric. */
export interface WrittenKey {
  reference: string;
  rubric: RubricPoint[];
}

/** One sub-question of a case: objective (scored at once) or short-answer (marked). */
export interface CaseSubQuestion {
  type: ObjectiveType | 'short-answer';
  stem: string;
  options: { key: OptionKey; text: string }[];
  answer: OptionKey | OptionKey[] | boolean | string[][] | WrittenKey;
  explanation?: string;
  citation?: Citation;
  /** Objective sub-questions: their points (default 2). Written ones: the rubric's sum. */
  points: number;
}

/** The key of a case: its sub-questions in order (their stems and options are shown, their keys never). */
export interface CaseKey {
  questions: CaseSubQuestion[];
}

export const rubricMax = (rubric: readonly RubricPoint[]): number =>
  Math.round(rubric.reduce((s, r) => s + r.points, 0) * 100) / 100;

/** The maximum points of a written question: the rubric sum, or the sum of a case's sub-questions. */
export function writtenMax(type: WrittenType, key: WrittenKey | CaseKey): number {
  if (type === 'short-answer') return rubricMax((key as WrittenKey).rubric);
  return Math.round((key as CaseKey).questions.reduce((s, q) => s + q.points, 0) * 100) / 100;
}

export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export type OptionKey = (typeof OPTION_KEYS)[number];

export const QUESTION_STATUSES = ['draft', 'approved', 'retired'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** The curricula live in common (curriculum, study and question banks all use them). */
export { CURRICULA, type Curriculum };

/**
 * A citation of the law article a question tests, e.g. 《退役军人保障法》第二十二条 → { regulation: '退役军人保障法',
 * article: 22 }. Without an article the question cites the whole document (imports warn about it).
 */
export interface Citation {
  /** The regulation as written by the author: a catalogue code, its title, short title or an alias. */
  regulation: string;
  /** Article number (第N条), 1-based; absent when the question cites the whole document. */
  article?: number;
  /** Optional paragraph (款), 1-based. */
  paragraph?: number;
}

/**
 * The answer key, by type:
 * - single: one option key, e.g. 'B'
 * - multiple: two or more option keys, sorted, e.g. ['A', 'C']
 * - true-false: boolean
 * - fill-blank: one list of accepted answers per blank, e.g. [['十八', '18'], ['选举权']]
 * - short-answer: { reference, rubric } (WrittenKey)
 * - case: { questions } (CaseKey) — the sub-questions' stems and options live here too, and are sent to a
 *   candidate only through `caseForCandidate` (question-content.ts), which drops every key
 */
export type AnswerKey = OptionKey | OptionKey[] | boolean | string[][] | WrittenKey | CaseKey;

/** A question as every parser produces it, before it is written to the database. */
export interface QuestionDraft {
  /** Stable key inside its bank (YAML `id`); parsers of other formats leave it undefined. */
  key?: string;
  type: QuestionType;
  stem: string;
  /** Options for single/multiple, in key order; empty for true-false and fill-blank. */
  options: { key: OptionKey; text: string }[];
  answer: AnswerKey;
  explanation?: string;
  /** 1 (easy) … 5 (hard); default 3. */
  difficulty: number;
  citation?: Citation;
  tags: string[];
  status: QuestionStatus;
}

/** Where an import problem is. Text formats give `line`; spreadsheets give `row` (1-based, header is row 1) and `column` (e.g. 'C'). */
export interface ImportIssue {
  line?: number;
  row?: number;
  /** The worksheet of a spreadsheet with several question sheets. */
  sheet?: string;
  column?: string;
  /** The field in the template's terms, in Chinese where the format has Chinese headers (e.g. '答案', '选项B'). */
  field?: string;
  /** What is wrong, in Simplified Chinese, written for the trainer. */
  message: string;
}

/** A parsed question plus where it came from, so later checks (duplicates, unknown regulation) can point at it. */
export interface ParsedQuestion {
  question: QuestionDraft;
  /** The first line (text formats) or row (spreadsheets) of the question. */
  line?: number;
  row?: number;
  /** The worksheet (spreadsheets with several question sheets). */
  sheet?: string;
  /** Warnings about this question (also listed in the result's warnings), shown beside it in the preview. */
  warnings?: ImportIssue[];
}

/**
 * Kinds of questions reported as skipped. Every format reads written questions since issue #18; what is left is
 * what the platform cannot store (GIFT numeric, matching, wildcard answers; 计算题, 连线题 …). The written kinds stay
 * for the API's shape.
 */
export type SkippedKind = 'short-answer' | 'case' | 'unsupported';

/**
 * A question the file holds but the platform does not support yet. It is reported, not an error: a file is not
 * refused for it. The raw text and position are kept so that a later parser can turn it into a question.
 */
export interface SkippedBlock {
  line?: number;
  row?: number;
  sheet?: string;
  kind: SkippedKind;
  /** How the file named it: 简答题, 案例分析题, GIFT 问答题 … */
  label: string;
  /** The block as written (the question's lines, or the row's cells joined by tabs). */
  raw: string;
  /** For the trainer, in Chinese. */
  message: string;
}

export interface ParseResult {
  format: ImportFormat;
  /** Bank metadata when the format carries it (YAML/JSON). */
  bank?: BankMeta;
  questions: ParsedQuestion[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Questions of unsupported types, reported and not imported (absent when there are none). */
  skipped?: SkippedBlock[];
}

export type ImportFormat = 'yaml' | 'json' | 'xlsx' | 'csv' | 'txt' | 'docx' | 'gift' | 'aiken';

export interface BankMeta {
  code: string;
  title: string;
  curriculum: Curriculum;
  /** Regulations the bank covers (catalogue codes or titles). */
  regulations: string[];
  description?: string;
  /** History note, e.g. that a document named in 2022 was replaced and which text the bank now tests. */
  note?: string;
}
