import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { QuestionType } from '../question-bank/question.types';

/** One question of a paper as drawn: never changes after the start. */
export interface PaperEntry {
  part: string;
  questionId: number;
  revisionId: number;
  type: QuestionType;
  points: number;
  /** Option keys in display order (shuffled when the exam shuffles options); a case: its SubLayout[]. */
  optionOrder: unknown[] | null;
  blanks: number;
}

/**
 * An attempt's paper as one row: the questions in display order, frozen at the start and never written again.
 * One row, not one per question (issue #19): a start writes one B-tree entry, a submit reads one. The candidate's
 * answers are rows of attempt_answer, the item scores a row of attempt_score.
 */
@Entity('attempt_paper')
export class AttemptPaper {
  @PrimaryColumn({ type: 'integer' })
  attemptId: number;

  /** The questions in display order, as packPaper writes them (one JSON array per question). */
  @Column({ type: 'text' })
  items: string;
}
