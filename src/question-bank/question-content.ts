/** Pure conversions between drafts, stored revisions and API shapes. */
import { createHash } from 'node:crypto';
import type { QuestionRevision } from './question-revision.entity';
import type { AnswerKey, Citation, OptionKey, QuestionDraft, QuestionStatus } from './question.types';

export function contentHash(d: QuestionDraft): string {
  const content = {
    type: d.type,
    stem: d.stem,
    options: d.options,
    answer: d.answer,
    explanation: d.explanation ?? null,
    difficulty: d.difficulty,
    citation: d.citation ?? null,
    tags: d.tags,
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

export interface StoredContent {
  type: QuestionDraft['type'];
  stem: string;
  options: { key: OptionKey; text: string }[];
  answer: AnswerKey;
  explanation: string | null;
  difficulty: number;
  citation: Citation | null;
  tags: string[];
}

export function readRevision(r: QuestionRevision): StoredContent {
  return {
    type: r.type,
    stem: r.stem,
    options: JSON.parse(r.options),
    answer: JSON.parse(r.answer),
    explanation: r.explanation,
    difficulty: r.difficulty,
    citation: r.citation ? JSON.parse(r.citation) : null,
    tags: JSON.parse(r.tags),
  };
}

export function toDraft(r: QuestionRevision, status: QuestionStatus, key?: string | null): QuestionDraft {
  const c = readRevision(r);
  return {
    ...(key ? { key } : {}),
    type: c.type,
    stem: c.stem,
    options: c.options,
    answer: c.answer,
    ...(c.explanation ? { explanation: c.explanation } : {}),
    difficulty: c.difficulty,
    ...(c.citation ? { citation: c.citation } : {}),
    tags: c.tags,
    status,
  };
}
