import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A scored attempt's item scores, at its paper's positions (see item-scores.ts for the form), written by scoring and
 * again when marking finishes. Its own small row, not a column of attempt_paper: storing the scores there rewrote
 * the paper's 12 KB row (about ten WAL pages a submit, measured) where this inserts ~300 bytes (issue #19).
 */
@Entity('attempt_score')
export class AttemptScore {
  @PrimaryColumn({ type: 'integer' })
  attemptId: number;

  /** JSON number array, one score per item in display order. */
  @Column({ type: 'text' })
  scores: string;

  /** One letter per item in display order: c correct, p partial, w wrong, u unanswered, m awaiting marking. */
  @Column({ type: 'text' })
  states: string;
}
