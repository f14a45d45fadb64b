/**
 * The legal content in question-banks/, read the way the app reads it at start (the real catalogue parser, law-text
 * splitter and question-file parser): depth per business line, citations inside the shipped article texts, one
 * question per fact across all banks, balanced answer keys (issue #12), and staff-visible text free of trainer notes
 * and of the stray spaces folded YAML leaves inside Chinese text. No database: it judges the files themselves.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUSINESS_LINES } from '../src/common/business-lines';
import {
  crossCheckCatalogue,
  normaliseRegulationName,
  parseCatalogue,
  type CatalogueEntry,
} from '../src/curriculum/catalogue';
import { splitLawText, type LawArticle } from '../src/curriculum/law-text';
import { normalizeStem, parseQuestionFile } from '../src/question-bank/parsers';
import type { BankMeta, QuestionDraft } from '../src/question-bank/question.types';
import { keyBalanceProblems, LINE_MINIMUMS } from './helpers/content';

const ROOT = path.resolve(__dirname, '..', 'question-banks');

interface Loaded {
  file: string;
  bank: BankMeta;
  questions: QuestionDraft[];
}

interface Catalogue {
  entries: (CatalogueEntry & { file: string })[];
  byName: Map<string, CatalogueEntry & { file: string }>;
  /** Article number → article, for documents with a shipped text. */
  articles: Map<string, Map<number, LawArticle>>;
  problems: string[];
}

function loadCatalogue(): Catalogue {
  const dir = path.join(ROOT, 'catalogue');
  const entries: Catalogue['entries'] = [];
  const problems: string[] = [];
  for (const f of fs
    .readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()) {
    const parsed = parseCatalogue(f, fs.readFileSync(path.join(dir, f), 'utf8'));
    problems.push(...parsed.issues.map((i) => `${i.file}:${i.line} ${i.message}`));
    entries.push(...parsed.entries.map((e) => ({ ...e, file: f })));
  }
  problems.push(...crossCheckCatalogue(entries).map((i) => `${i.file}:${i.line} ${i.message}`));
  const byName = new Map<string, CatalogueEntry & { file: string }>();
  for (const e of entries)
    for (const n of [e.code, e.title, e.shortTitle ?? '', ...e.aliases])
      if (n) byName.set(normaliseRegulationName(n), e);
  const articles = new Map<string, Map<number, LawArticle>>();
  for (const e of entries) {
    if (!e.text) continue;
    const file = path.join(dir, 'texts', e.text);
    if (!fs.existsSync(file)) {
      problems.push(`${e.file}: texts/${e.text} 不存在`);
      continue;
    }
    const split = splitLawText(fs.readFileSync(file, 'utf8'), { excerpt: e.excerpt });
    if (!split.ok) {
      problems.push(...split.errors.map((err) => `texts/${e.text}:${err.line} ${err.message}`));
      continue;
    }
    articles.set(e.code, new Map(split.articles.map((a) => [a.number, a])));
  }
  return { entries, byName, articles, problems };
}

async function loadBanks(): Promise<{ banks: Loaded[]; problems: string[] }> {
  const banks: Loaded[] = [];
  const problems: string[] = [];
  for (const sub of ['common', 'specialty']) {
    const dir = path.join(ROOT, sub);
    for (const f of fs
      .readdirSync(dir)
      .filter((n) => /\.(ya?ml|json)$/.test(n))
      .sort()) {
      const file = `${sub}/${f}`;
      const result = await parseQuestionFile(f, fs.readFileSync(path.join(dir, f)), { maxQuestions: 20000 });
      problems.push(...result.errors.map((i) => `${file}:${i.line ?? 1} ${i.message}`));
      if (!result.bank) problems.push(`${file}: 缺少 bank`);
      else banks.push({ file, bank: result.bank, questions: result.questions.map((p) => p.question) });
    }
  }
  return { banks, problems };
}

const approved = (b: Loaded) => b.questions.filter((q) => q.status === 'approved');
const label = (b: Loaded, q: QuestionDraft) => `${b.file}#${q.key}`;

/** Two CJK characters (ideographs or CJK/full-width punctuation) with whitespace between them. */
const CJK = '[\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef]';
const CJK_SPACE = new RegExp(`${CJK}[ \\t\\u00a0\\u3000]+${CJK}`);
/** Remarks meant for trainers, which must sit in a `note` instead of text staff read. */
const TRAINER_NOTE = /培训管理员|待核实|须核实|请核对|请核实|未能核实|TODO/;

describe('legal content (question-banks/)', () => {
  let catalogue: Catalogue;
  let banks: Loaded[];
  let bankProblems: string[];

  beforeAll(async () => {
    catalogue = loadCatalogue();
    ({ banks, problems: bankProblems } = await loadBanks());
  });

  it('parses every catalogue file, text and bank file without an error', () => {
    expect(catalogue.problems).toEqual([]);
    expect(bankProblems).toEqual([]);
    expect(banks.length).toBeGreaterThan(10);
  });

  describe.each(BUSINESS_LINES.map((line) => [line, LINE_MINIMUMS[line]] as const))(
    'business line %s',
    (line, minimum) => {
      const lineQuestions = () => banks.filter((b) => b.bank.curriculum === line).flatMap((b) => approved(b));

      it(`holds at least ${minimum} approved questions, in all four types and three difficulty buckets`, () => {
        const qs = lineQuestions();
        expect({ line, approved: qs.length }).toEqual({ line, approved: expect.any(Number) });
        expect(qs.length).toBeGreaterThanOrEqual(minimum);
        expect(new Set(qs.map((q) => q.type))).toEqual(
          new Set(['single', 'multiple', 'true-false', 'fill-blank']),
        );
        const buckets = new Set(
          qs.map((q) => (q.difficulty <= 2 ? 'easy' : q.difficulty >= 4 ? 'hard' : 'medium')),
        );
        expect(buckets).toEqual(new Set(['easy', 'medium', 'hard']));
      });

      it('asks at least half of them on documents other than the common curriculum', () => {
        const qs = lineQuestions();
        const own = qs.filter((q) => {
          const reg = q.citation && catalogue.byName.get(normaliseRegulationName(q.citation.regulation));
          return reg && reg.curriculum !== 'common';
        });
        expect(own.length * 2).toBeGreaterThanOrEqual(qs.length);
      });
    },
  );

  it('cites, for every approved question, a catalogued document and an article (and paragraph) its shipped text holds', () => {
    const problems: string[] = [];
    for (const b of banks) {
      for (const q of approved(b)) {
        const where = label(b, q);
        if (!q.citation) {
          problems.push(`${where}: 没有引用法规条款`);
          continue;
        }
        if (!q.explanation?.trim()) problems.push(`${where}: 没有解析`);
        const reg = catalogue.byName.get(normaliseRegulationName(q.citation.regulation));
        if (!reg) {
          problems.push(`${where}: 法规“${q.citation.regulation}”不在法规目录中`);
          continue;
        }
        if (reg.repealed) problems.push(`${where}: 引用已废止的${reg.title}`);
        const text = catalogue.articles.get(reg.code);
        if (!text) {
          problems.push(`${where}: ${reg.title}没有随附条文（catalogue/texts）`);
          continue;
        }
        if (q.citation.article === undefined) {
          problems.push(`${where}: 只引用了${reg.title}，没有引用条款`);
          continue;
        }
        const article = text.get(q.citation.article);
        if (!article) {
          problems.push(
            `${where}: ${reg.title}第${q.citation.article}条不在${reg.excerpt ? '节选' : '全文'}条文中`,
          );
          continue;
        }
        const p = q.citation.paragraph;
        if (p !== undefined && p > article.paragraphs.length)
          problems.push(`${where}: ${article.label}只有${article.paragraphs.length}款，引用了第${p}款`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('asks each fact once: no two approved questions share a normalised stem, in any two banks', () => {
    const seen = new Map<string, string>();
    const pairs: string[] = [];
    for (const b of banks) {
      for (const q of approved(b)) {
        const key = normalizeStem(q.stem);
        const earlier = seen.get(key);
        if (earlier) pairs.push(`${earlier} = ${label(b, q)}：${q.stem}`);
        else seen.set(key, label(b, q));
      }
    }
    expect(pairs).toEqual([]);
  });

  it('balances the answer keys of every bank (single A–D 20–30% each, true/false 40–60%, ≤ ¼ all-correct multiple)', () => {
    const problems = banks.flatMap((b) => keyBalanceProblems(approved(b)).map((p) => `${b.file}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('never names an option by its letter nor offers an option that depends on the others (options are shuffled)', () => {
    const problems: string[] = [];
    const DEPENDENT_OPTION =
      /^以上|以上(都|均|全部|各项|选项|说法)|全部(正确|错误)|都不对|都(正确|错误)|均(正确|不正确)|都不是/;
    const byLetter = /选项\s*[A-H]|[A-H]项|[A-H]、[A-H]|以上(都|均|全部|各项)|全部正确|都不对|都正确/;
    for (const b of banks) {
      for (const q of b.questions) {
        for (const o of q.options)
          if (DEPENDENT_OPTION.test(o.text)) problems.push(`${label(b, q)} 选项${o.key}：${o.text}`);
        if (q.explanation && byLetter.test(q.explanation))
          problems.push(`${label(b, q)} 解析：${q.explanation.match(byLetter)?.[0]}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps trainer notes out of what staff read, and leaves no space between two Chinese characters', () => {
    const problems: string[] = [];
    const check = (where: string, text: string | undefined, staffSees: boolean) => {
      if (!text) return;
      const spaced = text.replace(/（\s+）/g, '（）'); // the answer slot of a choice stem is written （ ）
      if (CJK_SPACE.test(spaced))
        problems.push(`${where}: 中文之间有空格：“${spaced.match(CJK_SPACE)?.[0]}”`);
      if (staffSees && TRAINER_NOTE.test(text))
        problems.push(`${where}: 学员可见的文字含给培训管理员的说明：“${text.match(TRAINER_NOTE)?.[0]}”`);
    };
    for (const b of banks) {
      check(`${b.file} description`, b.bank.description, true);
      check(`${b.file} title`, b.bank.title, true);
      check(`${b.file} note`, b.bank.note, false);
      for (const q of b.questions) {
        check(`${label(b, q)} stem`, q.stem, true);
        for (const o of q.options) check(`${label(b, q)} 选项${o.key}`, o.text, true);
        check(`${label(b, q)} explanation`, q.explanation, true);
      }
    }
    for (const e of catalogue.entries) {
      const where = `catalogue/${e.file} ${e.code}`;
      check(`${where} title`, e.title, true);
      check(`${where} repealed.note`, e.repealed?.note, true);
      check(`${where} note`, e.note, false);
      for (const v of e.versions) {
        check(`${where} version`, v.label, true);
        check(`${where} version note`, v.note, true);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has a self-check that can fail: the bounds reject a skewed bank and the text rules reject a folded line', () => {
    const q = (answer: string): QuestionDraft => ({
      type: 'single',
      stem: 's',
      options: ['A', 'B', 'C', 'D'].map((k) => ({ key: k as 'A', text: k })),
      answer: answer as 'A',
      difficulty: 3,
      tags: [],
      status: 'approved',
    });
    expect(keyBalanceProblems(['A', 'B', 'C', 'D'].flatMap((k) => Array(5).fill(q(k))))).toEqual([]);
    expect(
      keyBalanceProblems([...Array(14).fill(q('A')), ...['B', 'C'].flatMap((k) => Array(3).fill(q(k)))]),
    ).toHaveLength(4);
    expect(CJK_SPACE.test('同时废止了1999年国务院、中央军委下发的')).toBe(false);
    expect(CJK_SPACE.test('和1999年 国务院')).toBe(true);
  });
});
