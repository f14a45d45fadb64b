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

/** A new question for addQuestions. */
export interface NewQuestion {
  draft: QuestionDraft;
  regulationId: number | null;
}

/**
 * addQuestion for many questions at once, in the caller's transaction: per chunk one multi-row INSERT of the
 * questions, one of their first revisions (both `RETURNING id`, SQLite ≥ 3.35 and PostgreSQL) and one UPDATE
 * pointing the questions at them — three statements per 100 questions instead of three per question. `sql` turns
 * $n placeholders into the driver's (TxService.sql). Returns the new question ids in input order.
 */
export async function addQuestions(
  m: EntityManager,
  sql: (text: string, params: unknown[]) => [string, unknown[]],
  bankId: number,
  items: NewQuestion[],
  actorId: number | null,
  chunkSize = 100,
): Promise<number[]> {
  const ids: number[] = [];
  const placeholders = (params: unknown[], n: number) =>
    `(${Array.from({ length: n }, (_, c) => `$${params.length - n + c + 1}`).join(', ')})`;
  for (let i = 0; i < items.length; i += chunkSize) {
    const chunk = items.slice(i, i + chunkSize);
    const qParams: unknown[] = [];
    const qValues = chunk.map(({ draft, regulationId }) => {
      const mq = mirrored(draft, regulationId);
      qParams.push(
        bankId,
        draft.key ?? null,
        draft.status,
        1,
        mq.type,
        mq.difficulty,
        mq.regulationId,
        mq.article,
        mq.normalizedStem,
      );
      return placeholders(qParams, 9);
    });
    const [qSql, qOrdered] = sql(
      `INSERT INTO question ("bankId", key, status, "revisionCount", type, difficulty, "regulationId", article, "normalizedStem") VALUES ${qValues.join(', ')} RETURNING id`,
      qParams,
    );
    // Ids of one multi-row INSERT are increasing in VALUES order (one statement, one sequence/rowid).
    const qIds = ((await m.query(qSql, qOrdered)) as { id: number }[])
      .map((r) => Number(r.id))
      .sort((a, b) => a - b);
    const rParams: unknown[] = [];
    const rValues = chunk.map(({ draft }, k) => {
      const r = revisionRow(draft, qIds[k], 1, actorId);
      rParams.push(
        r.questionId,
        r.revision,
        r.type,
        r.stem,
        r.options,
        r.answer,
        r.explanation,
        r.difficulty,
        r.citation,
        r.tags,
        r.contentHash,
        r.createdBy,
      );
      return placeholders(rParams, 12);
    });
    const [rSql, rOrdered] = sql(
      `INSERT INTO question_revision ("questionId", revision, type, stem, options, answer, explanation, difficulty, citation, tags, "contentHash", "createdBy") VALUES ${rValues.join(', ')} RETURNING id, "questionId"`,
      rParams,
    );
    const revs = (await m.query(rSql, rOrdered)) as { id: number; questionId: number }[];
    const uParams: unknown[] = [];
    const whens = revs.map((r) => {
      uParams.push(Number(r.questionId), Number(r.id));
      return `WHEN $${uParams.length - 1} THEN $${uParams.length}`;
    });
    const cast = m.connection.options.type === 'postgres' ? '::integer' : '';
    const [uSql, uOrdered] = sql(
      `UPDATE question SET "currentRevisionId" = CASE id ${whens.map((w) => w + cast).join(' ')} END, "updatedAt" = CURRENT_TIMESTAMP WHERE id IN (${revs.map((_, k) => `$${2 * k + 1}`).join(', ')})`,
      uParams,
    );
    await m.query(uSql, uOrdered);
    ids.push(...qIds);
  }
  return ids;
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
