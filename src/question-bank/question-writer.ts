/**
 * Writing questions: the one place that turns a draft into a question and its revisions, for imports (repository
 * and uploads) and trainers' edits alike. Called inside the caller's transaction.
 */
import type { EntityManager } from 'typeorm';
import { normalizeStem } from './parsers/validate';
import { contentHash } from './question-content';
import { QuestionRevision } from './question-revision.entity';
import { Question } from './question.entity';
import type { QuestionDraft } from './question.types';

/** The duplicate-detection key of a draft, as stored on the question. */
export function stemKey(d: Pick<QuestionDraft, 'stem' | 'options'>): string {
  return normalizeStem(d.stem, d.options).slice(0, 400);
}

function revisionRow(d: QuestionDraft, questionId: number, revision: number, actorId: number | null) {
  return {
    questionId,
    revision,
    type: d.type,
    stem: d.stem,
    options: JSON.stringify(d.options),
    answer: JSON.stringify(d.answer),
    explanation: d.explanation ?? null,
    difficulty: d.difficulty,
    citation: d.citation ? JSON.stringify(d.citation) : null,
    tags: JSON.stringify(d.tags),
    contentHash: contentHash(d),
    createdBy: actorId,
  };
}

/** The question's columns that mirror its current revision (kept for indexed paper drawing and review flagging). */
function mirrored(d: QuestionDraft, regulationId: number | null) {
  return {
    type: d.type,
    difficulty: d.difficulty,
    regulationId,
    article: d.citation?.article ?? null,
    normalizedStem: stemKey(d),
  };
}

export async function addQuestion(
  m: EntityManager,
  bankId: number,
  d: QuestionDraft,
  regulationId: number | null,
  actorId: number | null,
): Promise<Question> {
  const q = await m.getRepository(Question).save(
    m.getRepository(Question).create({
      bankId,
      key: d.key ?? null,
      status: d.status,
      revisionCount: 1,
      ...mirrored(d, regulationId),
    }),
  );
  const rev = await m
    .getRepository(QuestionRevision)
    .save(m.getRepository(QuestionRevision).create(revisionRow(d, q.id, 1, actorId)));
  await m.getRepository(Question).update(q.id, { currentRevisionId: rev.id });
  return { ...q, currentRevisionId: rev.id };
}

/** A new revision becomes current; `changes` sets further columns (status, review flag) in the same update. */
export async function addRevision(
  m: EntityManager,
  q: Pick<Question, 'id' | 'revisionCount'>,
  d: QuestionDraft,
  regulationId: number | null,
  actorId: number | null,
  changes: Partial<Pick<Question, 'status' | 'needsReview' | 'reviewReason'>> = {},
): Promise<number> {
  const revision = q.revisionCount + 1;
  const rev = await m
    .getRepository(QuestionRevision)
    .save(m.getRepository(QuestionRevision).create(revisionRow(d, q.id, revision, actorId)));
  await m.getRepository(Question).update(q.id, {
    currentRevisionId: rev.id,
    revisionCount: revision,
    ...mirrored(d, regulationId),
    ...changes,
  });
  return revision;
}
