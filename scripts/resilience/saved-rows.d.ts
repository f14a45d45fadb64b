/** A stored answer with its question's option order (JSON text): see saved-rows.js. */
export interface SavedRow {
  attemptId: number;
  questionId: number;
  seq: number;
  response: string | null;
  optionOrder: string | null;
}

export function savedRows(
  query: (sql: string) => Promise<Record<string, unknown>[]> | Record<string, unknown>[],
  attemptIds: number[],
): Promise<SavedRow[]>;
