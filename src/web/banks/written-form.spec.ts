import { rubricFromForm, writtenKeyFromForm } from './written-form';

describe('the written-question editor form', () => {
  const row = (n: number, f: Record<string, string>, prefix = '') =>
    Object.fromEntries(Object.entries(f).map(([k, v]) => [`${prefix}r${n}_${k}`, v]));

  it('reads rubric rows in the order asked for, without removed and blank rows', () => {
    const sut = rubricFromForm({
      ...row(0, {
        order: '3',
        point: '甲',
        points: '2',
        reg: 'administrative-penalty-law',
        art: '44',
        para: '',
        kw: '告知、 陈述，申辩',
      }),
      ...row(1, { order: '1', point: '乙', points: '1.5', reg: '', art: '', para: '', kw: '' }),
      ...row(2, { order: '2', point: '丙', points: '1', del: '1', kw: '' }),
      ...row(3, { order: '', point: '', points: '', reg: '', art: '', para: '', kw: '' }),
      ...row(4, { order: '', point: '丁', points: '0.5', reg: '行政处罚法', art: '45', para: '1', kw: '' }),
    });
    expect(sut).toEqual([
      { point: '乙', points: 1.5, keywords: [] },
      {
        point: '甲',
        points: 2,
        keywords: ['告知', '陈述', '申辩'],
        citation: { regulation: 'administrative-penalty-law', article: 44 },
      },
      {
        point: '丁',
        points: 0.5,
        keywords: [],
        citation: { regulation: '行政处罚法', article: 45, paragraph: 1 },
      },
    ]);
  });

  it('keeps what is wrong for validation to name: empty points, a paragraph without an article', () => {
    expect(rubricFromForm(row(0, { point: '甲', points: '', reg: '', art: '', para: '2', kw: '' }))).toEqual([
      { point: '甲', points: NaN, keywords: [], citation: { regulation: '', paragraph: 2 } },
    ]);
  });

  it('reads a short-answer key, a case’s sub-questions, and nothing from an objective question’s form', () => {
    expect(writtenKeyFromForm({ reference: ' 参考 ', ...row(0, { point: '甲', points: '2' }) })).toEqual({
      reference: '参考',
      rubric: [{ point: '甲', points: 2, keywords: [] }],
    });
    expect(
      writtenKeyFromForm({
        s1_stem: '乙问',
        s1_reference: '乙答',
        ...row(0, { point: '要点', points: '3' }, 's1_'),
        s0_stem: '甲问',
      }),
    ).toEqual({
      questions: [
        { stem: '甲问' },
        {
          type: 'short-answer',
          stem: '乙问',
          answer: { reference: '乙答', rubric: [{ point: '要点', points: 3, keywords: [] }] },
        },
      ],
    });
    expect(writtenKeyFromForm({ stem: '题干', answer: 'B' })).toBeUndefined();
  });
});
