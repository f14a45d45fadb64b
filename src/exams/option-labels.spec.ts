import fc from 'fast-check';
import { displayLetters, displayOptions, keyToDisplay, responseFromDisplay } from './option-labels';

describe('option labels by position', () => {
  const options = [
    { key: 'A', text: '甲' },
    { key: 'B', text: '乙' },
    { key: 'C', text: '丙' },
    { key: 'D', text: '丁' },
  ];

  it('labels the options shown A, B, C… in display order, whatever their bank keys', () => {
    const sut = displayOptions(['C', 'A', 'D', 'B'], options);
    expect(sut).toEqual([
      { key: 'A', text: '丙' },
      { key: 'B', text: '甲' },
      { key: 'C', text: '丁' },
      { key: 'D', text: '乙' },
    ]);
  });

  it('shows a stored key at the position the candidate saw it', () => {
    const order = ['C', 'A', 'D', 'B'];
    expect(keyToDisplay(order, 'A')).toBe('B');
    expect(keyToDisplay(order, ['A', 'C'])).toEqual(['A', 'B']);
    expect(keyToDisplay(order, true)).toBe(true);
    expect(keyToDisplay(order, '')).toBe('');
  });

  it('reads a response given by position in the bank keys, refusing letters that were not shown', () => {
    const order = ['C', 'A', 'D', 'B'];
    expect(responseFromDisplay(order, 'A')).toBe('C');
    expect(responseFromDisplay(order, ['B', 'D'])).toEqual(['A', 'B']);
    expect(responseFromDisplay(order, 'E')).toBeUndefined();
    expect(responseFromDisplay(['B', 'A'], ['A', 'C'])).toBeUndefined();
    expect(responseFromDisplay(order, null)).toBeNull();
    expect(responseFromDisplay(order, ['', 'x'])).toBeUndefined();
  });

  it('round-trips every response through any order', () => {
    fc.assert(
      fc.property(
        fc
          .shuffledSubarray(['A', 'B', 'C', 'D', 'E', 'F'], { minLength: 2 })
          .chain((keys) => fc.tuple(fc.constant(keys), fc.subarray(displayLetters(keys.length)))),
        ([order, shown]) => {
          const stored = responseFromDisplay(order, shown) as string[];
          expect(keyToDisplay(order, stored)).toEqual([...shown].sort());
          // the always-A candidate hits the stored key only when it was shown first
          expect(responseFromDisplay(order, 'A')).toBe(order[0]);
        },
      ),
    );
  });
});
