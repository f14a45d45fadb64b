import { QUESTION_TYPES, type QuestionType } from '../question-bank/question.types';

/** What validating a save needs to know about its item: never changes once the paper is drawn. */
export interface ItemShape {
  type: QuestionType;
  /** Option keys in display order (null for true-false and fill-blank). */
  order: readonly string[] | null;
  blanks: number;
}

export interface ShapedItem {
  questionId: number;
  type: string;
  optionOrder: readonly string[] | null;
  blanks: number;
}

interface Paper {
  userId: number;
  /** Question ids, ascending. */
  ids: Int32Array;
  /** Per question: type index (3 bits) | blanks (8 bits) | option-order index + 1 (the rest; 0 = none). */
  packed: Int32Array;
}

const MAX_BLANKS = 255;
const MAX_ORDERS = 1 << 19;

/**
 * The shapes of the papers in progress, kept per process so that a save needs no read before its one guarded
 * upsert (which checks the owner's attempt is in progress and within its deadline itself). A paper is remembered
 * when it is drawn or resumed in this process; the first save of a paper not remembered (drawn in another process,
 * or evicted) reads the paper and remembers it. Compact: two typed arrays per paper (about 0.85 KB for 50
 * questions), option orders interned (a 4-option question has 24 of them); at most `maxPapers`, the least recently
 * used go first.
 */
export class PaperShapes {
  private readonly papers = new Map<number, Paper>();
  private readonly orders: (readonly string[])[] = [];
  private readonly orderIds = new Map<string, number>();

  constructor(private readonly maxPapers: number) {}

  get size(): number {
    return this.papers.size;
  }

  /** Remembers a paper (an item of an unknown type or shape is left out: its saves read it). */
  remember(attemptId: number, userId: number, items: readonly ShapedItem[]): void {
    const known = items
      .map((it) => ({ it, packed: this.pack(it) }))
      .filter((x): x is { it: ShapedItem; packed: number } => x.packed !== undefined)
      .sort((a, b) => a.it.questionId - b.it.questionId);
    const ids = Int32Array.from(known, (x) => x.it.questionId);
    const packed = Int32Array.from(known, (x) => x.packed);
    this.papers.delete(attemptId);
    this.papers.set(attemptId, { userId, ids, packed });
    while (this.papers.size > this.maxPapers) this.papers.delete(this.papers.keys().next().value as number);
  }

  /** The owner and the shape of one item, when remembered. */
  lookup(attemptId: number, questionId: number): { userId: number; shape: ItemShape } | undefined {
    const p = this.papers.get(attemptId);
    if (!p) return undefined;
    let lo = 0;
    let hi = p.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const id = p.ids[mid];
      if (id === questionId) {
        // Most recently used last (Map order): an exam in progress stays, a finished one ages out.
        if (this.papers.size > 1) {
          this.papers.delete(attemptId);
          this.papers.set(attemptId, p);
        }
        const v = p.packed[mid];
        const orderId = v >>> 11;
        return {
          userId: p.userId,
          shape: {
            type: QUESTION_TYPES[v & 7],
            blanks: (v >>> 3) & 0xff,
            order: orderId ? this.orders[orderId - 1] : null,
          },
        };
      }
      if (id < questionId) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  forget(attemptId: number): void {
    this.papers.delete(attemptId);
  }

  private pack(it: ShapedItem): number | undefined {
    const type = (QUESTION_TYPES as readonly string[]).indexOf(it.type);
    // A case's layout (its sub-questions' types, option keys and blanks) is not an option order: its saves read it.
    if (it.type === 'case') return undefined;
    if (type < 0 || !Number.isInteger(it.blanks) || it.blanks < 0 || it.blanks > MAX_BLANKS) return undefined;
    if (!Number.isInteger(it.questionId) || it.questionId < 0 || it.questionId > 0x7fffffff) return undefined;
    let orderId = 0;
    if (it.optionOrder) {
      const key = it.optionOrder.join('\u0001');
      let id = this.orderIds.get(key);
      if (id === undefined) {
        if (this.orders.length >= MAX_ORDERS) return undefined;
        this.orders.push([...it.optionOrder]);
        id = this.orders.length;
        this.orderIds.set(key, id);
      }
      orderId = id;
    }
    return type | (it.blanks << 3) | (orderId << 11);
  }
}
