import { packItemScores, unpackItemScores, type ItemScore } from './item-scores';

describe('item scores as stored', () => {
  it('round-trips every state and fractional scores, in order', () => {
    const per: ItemScore[] = [
      { score: 2, state: 'correct' },
      { score: 0.5, state: 'partial' },
      { score: 0, state: 'wrong' },
      { score: 0, state: 'unanswered' },
      { score: 1.25, state: 'pending' },
    ];
    const packed = packItemScores(per);
    expect(packed).toEqual({ scores: '[2,0.5,0,0,1.25]', states: 'cpwum' });
    expect(unpackItemScores(packed)).toEqual(per);
  });

  it('keeps an empty paper empty', () => {
    expect(packItemScores([])).toEqual({ scores: '[]', states: '' });
    expect(unpackItemScores({ scores: '[]', states: '' })).toEqual([]);
  });

  it('is small: 100 items in a few hundred bytes', () => {
    const per = Array.from(
      { length: 100 },
      (_, i): ItemScore => (i % 3 ? { score: 0, state: 'wrong' } : { score: 3, state: 'correct' }),
    );
    const packed = packItemScores(per);
    expect(packed.scores.length + packed.states.length).toBeLessThan(400);
    expect(unpackItemScores(packed)).toEqual(per);
  });

  it('refuses a state it does not know when packing', () => {
    expect(() => packItemScores([{ score: 1, state: 'bogus' as never }])).toThrow(
      'unknown score state "bogus"',
    );
  });

  it('refuses a stored row that does not fit: lengths, letters, or a score that is not a number', () => {
    expect(() => unpackItemScores({ scores: '[1,2]', states: 'c' })).toThrow('do not match');
    expect(() => unpackItemScores({ scores: '{"a":1}', states: 'c' })).toThrow('do not match');
    expect(() => unpackItemScores({ scores: '[1]', states: 'x' })).toThrow('stored item score 0');
    expect(() => unpackItemScores({ scores: '["1"]', states: 'c' })).toThrow('stored item score 0');
  });
});
