import type { PaperEntry } from './attempt-paper.entity';
import { packPaper, unpackPaper } from './paper-codec';

const single: PaperEntry = {
  part: 'common',
  questionId: 244,
  revisionId: 251,
  type: 'single',
  points: 2,
  optionOrder: ['A', 'C', 'B', 'D'],
  blanks: 0,
};
const blank: PaperEntry = {
  part: 'line',
  questionId: 7,
  revisionId: 7,
  type: 'fill-blank',
  points: 1.5,
  optionOrder: null,
  blanks: 2,
};
const kase: PaperEntry = {
  part: 'case',
  questionId: 90,
  revisionId: 93,
  type: 'case',
  points: 10,
  optionOrder: [{ order: ['B', 'A'] }, { order: null }],
  blanks: 0,
};

describe('the stored paper', () => {
  it('round-trips every kind of entry, in display order', () => {
    const paper = [single, blank, kase, { ...single, questionId: 1, revisionId: 1 }];
    expect(unpackPaper(packPaper(paper))).toEqual(paper);
    expect(unpackPaper(packPaper([]))).toEqual([]);
  });

  it('is an array per question, without the field names', () => {
    expect(packPaper([single])).toBe('[["common",244,251,"single",2,["A","C","B","D"],0]]');
    const hundred = Array.from({ length: 100 }, (_, i) => ({
      ...single,
      questionId: 1000 + i,
      revisionId: 1000 + i,
    }));
    expect(packPaper(hundred).length).toBeLessThan(JSON.stringify(hundred).length / 2);
  });

  it('refuses a stored row that is not a paper', () => {
    expect(() => unpackPaper('{"a":1}')).toThrow('not an array');
    expect(() => unpackPaper('[{"part":"a"}]')).toThrow('stored paper item 0');
    expect(() => unpackPaper('[["a",1,1,"single",2,null]]')).toThrow('stored paper item 0');
    expect(() => unpackPaper('[["a",1,1,"single",2,null,0],["a","1",1,"single",2,null,0]]')).toThrow(
      'stored paper item 1',
    );
    expect(() => unpackPaper('[["a",1,1,"single",2,"ABCD",0]]')).toThrow('stored paper item 0');
  });
});
