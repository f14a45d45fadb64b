import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CaseKey, WrittenKey } from '../question.types';
import { exportBankYaml, parseYamlBank } from './yaml.parser';

const sut = parseYamlBank;

const HEAD = `bank:\n  code: w\n  title: 主观题\n  curriculum: common\n  regulations: [administrative-penalty-law]\nquestions:\n`;

const SHORT = `  - id: s1
    type: short-answer
    stem: 简述告知义务。
    answer: 应当告知拟作出的行政处罚内容及事实、理由、依据。
    rubric:
      - point: 告知处罚内容及事实、理由、依据
        points: 2
        cite: { regulation: administrative-penalty-law, article: 44 }
        keywords: [事实, 理由]
      - point: 告知陈述、申辩权
        points: 1.5
    difficulty: 3
    cite: { regulation: administrative-penalty-law, article: 44 }
`;

const CASE = `  - id: c1
    type: case
    stem: 某服务站以自己名义作出罚款决定。
    questions:
      - type: single
        stem: 该决定的效力为（ ）。
        options: { A: 有效, B: 无效 }
        answer: B
        points: 2
        cite: { regulation: administrative-penalty-law, article: 38 }
      - type: short-answer
        stem: 委托应当符合哪些要求？
        answer: 应当在法定权限内书面委托。
        rubric:
          - point: 书面委托
            points: 3
            keywords: [书面委托]
    difficulty: 4
    cite: { regulation: administrative-penalty-law, article: 20 }
`;

describe('written questions in the canonical YAML', () => {
  it('reads a short-answer question: reference answer and rubric points with citations and keywords', () => {
    const r = sut(HEAD + SHORT);
    expect(r.errors).toEqual([]);
    const q = r.questions[0].question;
    expect(q.type).toBe('short-answer');
    expect(q.options).toEqual([]);
    const key = q.answer as WrittenKey;
    expect(key.reference).toContain('事实、理由、依据');
    expect(key.rubric).toEqual([
      {
        point: '告知处罚内容及事实、理由、依据',
        points: 2,
        citation: { regulation: 'administrative-penalty-law', article: 44 },
        keywords: ['事实', '理由'],
      },
      { point: '告知陈述、申辩权', points: 1.5, keywords: [] },
    ]);
  });

  it('reads a case: sub-questions in order, objective points default to 2, written points are the rubric sum', () => {
    const r = sut(HEAD + CASE);
    expect(r.errors).toEqual([]);
    const key = r.questions[0].question.answer as CaseKey;
    expect(key.questions.map((s) => [s.type, s.points])).toEqual([
      ['single', 2],
      ['short-answer', 3],
    ]);
    expect(key.questions[0].answer).toBe('B');
  });

  it.each([
    [
      'a short-answer without rubric',
      SHORT.replace(/ {4}rubric:[\s\S]*? {4}difficulty/, '    difficulty'),
      'rubric',
    ],
    ['a rubric point of 0.3 points', SHORT.replace('points: 1.5', 'points: 0.3'), 'rubric.points'],
    [
      'a case with one sub-question',
      CASE.replace(/ {6}- type: single[\s\S]*?article: 38 }\n/, ''),
      'questions',
    ],
    ['a case sub-question whose key is not an option', CASE.replace('answer: B', 'answer: D'), 'answer'],
    [
      'a rubric on an objective question',
      `  - id: t\n    type: true-false\n    stem: 甲\n    answer: true\n    rubric: []\n`,
      'rubric',
    ],
  ])('refuses %s, naming the field and line', (_, body, field) => {
    const r = sut(HEAD + body);
    expect(r.questions).toEqual([]);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors.map((e) => e.field)).toContain(field);
    expect(r.errors.every((e) => typeof e.line === 'number' && e.line > 6)).toBe(true);
  });

  it('exports written questions so that parsing the export gives them back', () => {
    const r = sut(HEAD + SHORT + CASE);
    const again = sut(
      exportBankYaml(
        r.bank!,
        r.questions.map((q) => q.question),
      ),
    );
    expect(again.errors).toEqual([]);
    expect(again.questions.map((q) => q.question)).toEqual(r.questions.map((q) => q.question));
  });

  it('reads every shipped written bank (25 short-answer, 24 case) and round-trips it', () => {
    const dir = path.join(__dirname, '../../../question-banks/written');
    const types: string[] = [];
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const r = sut(fs.readFileSync(path.join(dir, f), 'utf8'));
      expect({ f, errors: r.errors }).toEqual({ f, errors: [] });
      types.push(...r.questions.map((q) => q.question.type));
      const again = sut(
        exportBankYaml(
          r.bank!,
          r.questions.map((q) => q.question),
        ),
      );
      expect(again.questions.map((q) => q.question)).toEqual(r.questions.map((q) => q.question));
    }
    expect(types.filter((t) => t === 'short-answer')).toHaveLength(25);
    expect(types.filter((t) => t === 'case')).toHaveLength(24);
  });
});
