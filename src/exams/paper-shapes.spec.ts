import { PaperShapes } from './paper-shapes';

const paper = [
  { questionId: 30, type: 'single', optionOrder: ['C', 'A', 'B', 'D'], blanks: 0 },
  { questionId: 7, type: 'true-false', optionOrder: null, blanks: 0 },
  { questionId: 12, type: 'fill-blank', optionOrder: null, blanks: 3 },
  { questionId: 99, type: 'multiple', optionOrder: ['A', 'B', 'C', 'D', 'E'], blanks: 0 },
];

describe('PaperShapes', () => {
  it('answers the owner and the shape of every item of a remembered paper, and nothing else', () => {
    const sut = new PaperShapes(10);
    sut.remember(5, 42, paper);
    expect(sut.lookup(5, 30)).toEqual({
      userId: 42,
      shape: { type: 'single', order: ['C', 'A', 'B', 'D'], blanks: 0 },
    });
    expect(sut.lookup(5, 7)).toEqual({ userId: 42, shape: { type: 'true-false', order: null, blanks: 0 } });
    expect(sut.lookup(5, 12)?.shape).toEqual({ type: 'fill-blank', order: null, blanks: 3 });
    expect(sut.lookup(5, 99)?.shape.order).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(sut.lookup(5, 8)).toBeUndefined();
    expect(sut.lookup(6, 30)).toBeUndefined();
  });

  it('shares one copy of an option order between papers', () => {
    const sut = new PaperShapes(10);
    sut.remember(1, 1, paper);
    sut.remember(2, 2, [{ questionId: 3, type: 'single', optionOrder: ['C', 'A', 'B', 'D'], blanks: 0 }]);
    expect(sut.lookup(2, 3)?.shape.order).toBe(sut.lookup(1, 30)?.shape.order);
  });

  it('leaves out an item of a type it does not know, and a case (their saves read the item instead)', () => {
    const sut = new PaperShapes(10);
    sut.remember(1, 1, [
      ...paper,
      { questionId: 50, type: 'essay', optionOrder: null, blanks: 0 },
      { questionId: 51, type: 'case', optionOrder: [], blanks: 2 },
      { questionId: 52, type: 'short-answer', optionOrder: null, blanks: 0 },
    ]);
    expect(sut.lookup(1, 50)).toBeUndefined();
    expect(sut.lookup(1, 51)).toBeUndefined();
    expect(sut.lookup(1, 52)?.shape).toEqual({ type: 'short-answer', order: null, blanks: 0 });
    expect(sut.lookup(1, 7)?.shape.type).toBe('true-false');
  });

  it('keeps at most maxPapers, dropping the least recently used; forget drops one', () => {
    const sut = new PaperShapes(2);
    sut.remember(1, 1, paper);
    sut.remember(2, 2, paper);
    expect(sut.lookup(1, 7)).toBeDefined(); // 1 is now the most recent
    sut.remember(3, 3, paper);
    expect(sut.lookup(2, 7)).toBeUndefined();
    expect(sut.lookup(1, 7)?.userId).toBe(1);
    expect(sut.lookup(3, 7)?.userId).toBe(3);
    sut.forget(3);
    expect(sut.lookup(3, 7)).toBeUndefined();
    expect(sut.size).toBe(1);
  });
});
