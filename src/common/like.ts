/**
 * LIKE patterns from user text. `%`, `_` and `\` in the text are escaped with `\`, so every LIKE built from them
 * must say `ESCAPE '\'` (SQLite has no default escape character; PostgreSQL's is `\` already).
 */
export const LIKE_ESCAPE = "ESCAPE '\\'";

/** The text with LIKE's wildcards and the escape character escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A pattern matching the text anywhere. */
export function likeContains(text: string): string {
  return `%${escapeLike(text)}%`;
}
