/**
 * A written question's key as an editor sends it (the API's JSON, or the page's form) turned into the stored shape:
 * known fields only, texts trimmed, a written sub-question's points set to its rubric's sum, and an objective
 * sub-question's options, key and points kept from the current revision when the edit leaves them out. Nothing is
 * checked here: validateDraft (parsers/validate.ts) checks the result with the rules imports obey. Pure.
 */
import {
  rubricMax,
  type CaseKey,
  type Citation,
  type RubricPoint,
  type WrittenKey,
  type WrittenType,
} from './question.types';

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const trimmed = (v: unknown): unknown => (typeof v === 'string' ? v.trim() : v);

function citationOf(v: unknown): Citation | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) return v as Citation;
  const c: Loose = { regulation: trimmed(v.regulation) };
  if (v.article !== undefined && v.article !== null) c.article = v.article;
  if (v.paragraph !== undefined && v.paragraph !== null) c.paragraph = v.paragraph;
  return c as unknown as Citation;
}

function rubricPointOf(v: unknown): RubricPoint {
  if (!isObject(v)) return v as RubricPoint;
  const r: Loose = {
    point: trimmed(v.point),
    points: v.points,
    keywords: Array.isArray(v.keywords) ? v.keywords.map(trimmed) : (v.keywords ?? []),
  };
  const citation = citationOf(v.citation);
  if (citation) r.citation = citation;
  return r as unknown as RubricPoint;
}

function shortKeyOf(v: unknown): WrittenKey {
  if (!isObject(v)) return v as WrittenKey;
  return {
    reference: trimmed(v.reference) as string,
    rubric: (Array.isArray(v.rubric) ? v.rubric.map(rubricPointOf) : v.rubric) as RubricPoint[],
  };
}

function subOf(v: unknown, current: CaseKey['questions'][number] | undefined): CaseKey['questions'][number] {
  if (!isObject(v)) return v as CaseKey['questions'][number];
  const type = v.type ?? current?.type;
  const same = current && current.type === type ? current : undefined;
  const sub: Loose = { type, stem: trimmed(v.stem ?? same?.stem) };
  if (type === 'short-answer') {
    const key = shortKeyOf(v.answer);
    sub.options = v.options ?? [];
    sub.answer = key;
    sub.points = Array.isArray(key?.rubric) && key.rubric.every(isObject) ? rubricMax(key.rubric) : v.points;
  } else {
    sub.options = v.options ?? same?.options ?? [];
    sub.answer = v.answer ?? same?.answer;
    sub.points = v.points ?? same?.points ?? 2;
  }
  const explanation = trimmed(v.explanation !== undefined ? v.explanation : same?.explanation);
  if (explanation) sub.explanation = explanation;
  const citation = citationOf(v.citation !== undefined ? v.citation : same?.citation);
  if (citation) sub.citation = citation;
  return sub as unknown as CaseKey['questions'][number];
}

/** The key to store for an edit of a written question (see the file comment). */
export function normalizeWrittenKey(
  type: WrittenType,
  input: unknown,
  current: unknown,
): WrittenKey | CaseKey {
  if (type === 'short-answer') return shortKeyOf(input);
  if (!isObject(input) || !Array.isArray(input.questions)) return input as CaseKey;
  const before =
    isObject(current) && Array.isArray(current.questions) ? (current as unknown as CaseKey) : null;
  return { questions: input.questions.map((q, i) => subOf(q, before?.questions[i])) };
}

/** The citations inside a written key: its rubric points' and its sub-questions', each with where it is. */
export function writtenCitations(
  type: WrittenType,
  key: WrittenKey | CaseKey,
): { at: string; citation: Citation }[] {
  const out: { at: string; citation: Citation }[] = [];
  const ofRubric = (k: WrittenKey, prefix: string) =>
    k.rubric.forEach(
      (r, i) => r.citation && out.push({ at: `${prefix}评分要点第${i + 1}条`, citation: r.citation }),
    );
  if (type === 'short-answer') ofRubric(key as WrittenKey, '');
  else
    (key as CaseKey).questions.forEach((q, i) => {
      if (q.citation) out.push({ at: `第${i + 1}小题`, citation: q.citation });
      if (q.type === 'short-answer') ofRubric(q.answer as WrittenKey, `第${i + 1}小题·`);
    });
  return out;
}
