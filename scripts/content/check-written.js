#!/usr/bin/env node
/**
 * Checks the written-question banks in question-banks/written/ (简答题 `short-answer` and 案例分析题 `case`, issue #18)
 * against the canonical format and the shipped law texts. Plain Node; reads YAML with the `yaml` package.
 *
 *   node scripts/content/check-written.js              check every file in question-banks/written/
 *   node scripts/content/check-written.js a.yaml …     check the given files (against the shipped catalogue)
 *   node scripts/content/check-written.js --self-test  prove every rule can fail, on built-in broken banks
 *
 * Prints counts per bank and type, then every problem with file:line; exits 1 on any problem (and when there is
 * nothing to check), 0 otherwise.
 *
 * Rules (see question-banks/README.md and the issue):
 * - bank header: code [a-z0-9-], title, curriculum (common | one business line), regulations (catalogue codes),
 *   description; ids unique; status approved | draft; difficulty an integer 2–5.
 * - short-answer: stem, a reference answer of 80–300 characters that cites an article, 2–6 rubric points of 1–6
 *   points each in 0.5 steps, summing to 4–10 (3–8 for a written sub-question of a case); each rubric point has
 *   its own citation and 2–6 keywords, every keyword found in the reference answer.
 * - case: a case text of 150–400 characters and 2–4 sub-questions, at least one of them written; an objective
 *   sub-question follows the rules of ordinary questions (options A–H consecutive, answer forms, blanks) and has
 *   points (default 2) in 0.5 steps.
 * - every citation (question, sub-question, rubric point) names a catalogued, unrepealed document listed in the
 *   bank's `regulations`, whose shipped text (question-banks/catalogue/texts) holds the article and paragraph.
 * - every explanation names the article of its own citation (第X条) and every passage it quotes in “…” (split at
 *   ……) is found word for word in one of the articles the question cites.
 * - stems unique across all written banks and unlike every stem of the objective banks (normalised: NFKC, lower
 *   case, no whitespace or punctuation; options sorted in); no whitespace between two CJK characters; no trainer
 *   remarks in what staff read; no option that depends on others, no explanation that names an option by letter.
 * - objective sub-questions keep the key balance of issue #12 per bank: single keys A–D 20–30 % each (one
 *   question of slack), true/false 40–60 % true, at most a quarter of multiple-choice with every option correct,
 *   multiple-choice keys not all starting with A.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const ROOT = path.resolve(__dirname, '..', '..', 'question-banks');
const CURRICULA = ['common', 'resettlement', 'rights', 'care', 'employment', 'retiree', 'double-support'];
const OBJECTIVE = ['single', 'multiple', 'true-false', 'fill-blank'];
const KEYS = 'ABCDEFGH';
const CJK = '[\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef]';
const CJK_SPACE = new RegExp(`${CJK}[ \\t\\u00a0\\u3000]+${CJK}`);
const TRAINER_NOTE = /培训管理员|待核实|须核实|请核对|请核实|未能核实|TODO/;
const DEPENDENT_OPTION =
  /^以上|以上(都|均|全部|各项|选项|说法)|全部(正确|错误)|都不对|都(正确|错误)|均(正确|不正确)|都不是/;
const OPTION_BY_LETTER = /选项\s*[A-H]|[A-H]项|[A-H]、[A-H]|以上(都|均|全部|各项)|全部正确|都不对|都正确/;
const BLANK = /_{3,}/g;

const QUESTION_FIELDS = [
  'id',
  'type',
  'stem',
  'answer',
  'rubric',
  'questions',
  'explanation',
  'difficulty',
  'cite',
];
const QUESTION_FIELDS_MORE = ['status', 'tags', 'note'];
const SUB_FIELDS = ['type', 'stem', 'options', 'answer', 'points', 'rubric', 'explanation', 'cite', 'tags'];
const RUBRIC_FIELDS = ['point', 'points', 'cite', 'keywords'];
const BANK_FIELDS = ['code', 'title', 'curriculum', 'regulations', 'description', 'note'];

// ---------------------------------------------------------------------------------------------------------------
// Chinese numerals and law texts

const DIGITS = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS = { 十: 10, 百: 100, 千: 1000 };

/** '二十二' → 22, '一百零五' → 105, '十' → 10, '12' → 12; undefined for anything else. */
function parseChineseNumber(text) {
  const s = String(text).trim();
  if (s === '') return undefined;
  if (/^[0-9]+$/.test(s)) return Number(s);
  let total = 0;
  let digit;
  let lastUnit = Infinity;
  for (const ch of s) {
    if (ch in DIGITS) {
      if (digit !== undefined && digit !== 0 && DIGITS[ch] !== 0) return undefined;
      digit = DIGITS[ch];
    } else if (ch in UNITS) {
      const unit = UNITS[ch];
      if (unit >= lastUnit) return undefined;
      total += (digit ?? 1) * unit;
      digit = undefined;
      lastUnit = unit;
    } else return undefined;
  }
  return total + (digit ?? 0);
}

/** 22 → '二十二', 105 → '一百零五', 10 → '十'. */
function toChineseNumber(n) {
  const digits = '零一二三四五六七八九';
  const units = ['', '十', '百', '千'];
  const s = String(n);
  let out = '';
  let zero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    if (d === 0) {
      zero = true;
      continue;
    }
    if (zero && out) out += '零';
    zero = false;
    out += digits[d] + units[s.length - 1 - i];
  }
  return n >= 10 && n < 20 ? out.replace(/^一十/, '十') : out;
}

const articleLabel = (n) => `第${toChineseNumber(n)}条`;

const NUM = '[零〇一二两三四五六七八九十百千0-9]+';
const ARTICLE_RE = new RegExp(`^第(${NUM})条(.*)$`);
const HEADING_RE = new RegExp(`^第(${NUM})(分编|编|章|节)`);
/** 第N条 glued to one of these opens a cross-reference ("第五条规定的…"), not an article (as the app splits). */
const REFERENCE_CONTINUATION_RE =
  /^(?:第|、|，|,|；|至第|和第|或者第|或第|及第|与第|的|中的|之规定|规定|所称|所列|所规定|所指|所述)/;
const ITEM_RE = /^(?:[（(][一二三四五六七八九十]+[）)]|[0-9]+[.．、])/;

/** Article number → { paragraphs, text } of a catalogue text file (headings skipped, items join their paragraph). */
function splitArticles(text) {
  const articles = new Map();
  let open;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const a = ARTICLE_RE.exec(line);
    const n = a && parseChineseNumber(a[1]);
    if (a && n && (a[2] === '' || /^[\s\u3000]/.test(a[2]) || !REFERENCE_CONTINUATION_RE.test(a[2]))) {
      open = { number: n, paragraphs: a[2].trim() ? [a[2].trim()] : [] };
      articles.set(n, open);
    } else if (HEADING_RE.test(line) && line.length < 45 && !/[。；，：]/.test(line)) {
      open = undefined;
    } else if (open && ITEM_RE.test(line) && open.paragraphs.length) {
      open.paragraphs[open.paragraphs.length - 1] += '\n' + line;
    } else if (open) open.paragraphs.push(line);
  }
  for (const a of articles.values()) a.text = a.paragraphs.join('\n');
  return articles;
}

// ---------------------------------------------------------------------------------------------------------------
// Catalogue and objective banks

/** { byName: name → entry, texts: code → Map(article → …) } from question-banks/catalogue. */
function loadCatalogue(root = ROOT) {
  const dir = path.join(root, 'catalogue');
  const byName = new Map();
  const texts = new Map();
  const problems = [];
  for (const f of fs
    .readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()) {
    const doc = YAML.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    for (const e of doc?.regulations ?? []) {
      for (const name of [e.code, e.title, e.shortTitle, ...(e.aliases ?? [])])
        if (name) byName.set(normaliseName(name), e);
      if (e.text) {
        const file = path.join(dir, 'texts', e.text);
        if (fs.existsSync(file)) texts.set(e.code, splitArticles(fs.readFileSync(file, 'utf8')));
        else problems.push(`catalogue/${f}: ${e.code}: texts/${e.text} 不存在`);
      }
    }
  }
  return { byName, texts, problems };
}

function normaliseName(name) {
  return String(name)
    .replace(/[《》\s]/g, '')
    .replace(/^中华人民共和国/, '')
    .toLowerCase();
}

function normaliseText(text) {
  return String(text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/** The app's duplicate key: normalised stem, plus the sorted normalised option texts when there are options. */
function stemKey(stem, options) {
  const opts = Object.values(options ?? {})
    .map((o) => normaliseText(o))
    .sort();
  return opts.length ? `${normaliseText(stem)}#${opts.join('|')}` : normaliseText(stem);
}

/** Stem keys of every question in the objective banks (common/, specialty/), with where they are. */
function loadObjectiveStems(root = ROOT) {
  const stems = new Map();
  for (const sub of ['common', 'specialty']) {
    const dir = path.join(root, sub);
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
      const doc = YAML.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      for (const q of doc?.questions ?? []) {
        if (!q || typeof q.stem !== 'string') continue;
        stems.set(stemKey(q.stem, q.options), `${sub}/${f}#${q.id}`);
        stems.set(normaliseText(q.stem), `${sub}/${f}#${q.id}`);
      }
    }
  }
  return stems;
}

// ---------------------------------------------------------------------------------------------------------------
// Checking one bank file

const isText = (v) => typeof v === 'string' && v.trim() !== '';
const halfSteps = (v) => typeof v === 'number' && Number.isFinite(v) && Math.round(v * 2) === v * 2;
const plain = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks one parsed bank. `ctx` = { catalogue, objectiveStems, seenStems (shared across files) }. Returns
 * { problems: [{ line, message }], stats }.
 */
function checkBank(file, source, ctx) {
  const problems = [];
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (pathInDoc) => {
    const node = doc.getIn(pathInDoc, true);
    const at = node && node.range ? node.range[0] : undefined;
    return at === undefined ? undefined : lineCounter.linePos(at).line;
  };
  for (const e of doc.errors) {
    const line = e.linePos && e.linePos[0] ? e.linePos[0].line : 1;
    problems.push({ line, message: `YAML 错误：${e.message.split('\n')[0]}` });
  }
  const stats = {
    file,
    code: '?',
    curriculum: '?',
    'short-answer': 0,
    case: 0,
    sub: { single: 0, multiple: 0, 'true-false': 0, 'fill-blank': 0, 'short-answer': 0 },
    approved: 0,
    draft: 0,
    difficulty: {},
    points: 0,
  };
  if (doc.errors.length) return { problems, stats };
  const data = doc.toJS();
  const report = (pathInDoc, message) => problems.push({ line: lineOf(pathInDoc) ?? 1, message });

  // Bank header
  const bank = data?.bank;
  if (!plain(bank)) {
    report([], '缺少 bank');
    return { problems, stats };
  }
  unknownFields(bank, BANK_FIELDS, ['bank'], 'bank', report);
  if (!isText(bank.code) || !/^[a-z0-9-]+$/.test(bank.code))
    report(['bank', 'code'], 'bank.code 应为 [a-z0-9-]');
  else stats.code = bank.code;
  if (!isText(bank.title)) report(['bank'], 'bank.title 不能为空');
  if (!CURRICULA.includes(bank.curriculum))
    report(['bank', 'curriculum'], `bank.curriculum 应为 ${CURRICULA.join(' | ')}`);
  else stats.curriculum = bank.curriculum;
  if (!isText(bank.description)) report(['bank'], 'bank.description 不能为空');
  const regulations = Array.isArray(bank.regulations) ? bank.regulations : [];
  if (!regulations.length) report(['bank'], 'bank.regulations 应列出本题库考查的法规编码');
  for (const [i, code] of regulations.entries()) {
    const entry = ctx.catalogue.byName.get(normaliseName(code));
    if (!entry || entry.code !== code)
      report(['bank', 'regulations', i], `bank.regulations：“${code}”不是法规目录编码`);
  }
  staffText(['bank', 'title'], bank.title, report);
  staffText(['bank', 'description'], bank.description, report);
  spacing(['bank', 'note'], bank.note, report);

  const questions = Array.isArray(data.questions) ? data.questions : [];
  if (!questions.length) report([], '没有题目（questions）');
  const ids = new Map();
  const objective = []; // approved objective sub-questions, for the key balance

  questions.forEach((q, qi) => {
    const at = ['questions', qi];
    if (!plain(q)) return report(at, '题目应为映射');
    const where = `题目 ${q.id ?? `#${qi + 1}`}`;
    const say = (p, msg) => report([...at, ...p], `${where}：${msg}`);
    unknownFields(q, [...QUESTION_FIELDS, ...QUESTION_FIELDS_MORE], [], where, say);
    if (!isText(q.id) || !/^[a-z0-9-]+$/.test(q.id)) say(['id'], 'id 应为 [a-z0-9-]');
    else if (ids.has(q.id)) say(['id'], `id 与第 ${ids.get(q.id)} 行重复`);
    else ids.set(q.id, lineOf(at));
    const status = q.status ?? 'approved';
    if (!['approved', 'draft'].includes(status)) say(['status'], 'status 应为 approved 或 draft');
    stats[status === 'draft' ? 'draft' : 'approved']++;
    if (!Number.isInteger(q.difficulty) || q.difficulty < 2 || q.difficulty > 5)
      say(['difficulty'], 'difficulty 应为 2–5 的整数');
    else stats.difficulty[q.difficulty] = (stats.difficulty[q.difficulty] ?? 0) + 1;
    const cited = [];
    const main = checkCite(q.cite, say, ctx, regulations);
    if (main) cited.push(main);
    uniqueStem(q.stem, undefined, `${file}#${q.id}`, say, ctx);
    staffText(['stem'], q.stem, say);

    if (q.type === 'short-answer') {
      stats['short-answer']++;
      if (!isText(q.stem)) say(['stem'], '题干不能为空');
      const total = checkWritten(q, say, ctx, regulations, cited, { min: 4, max: 10 });
      stats.points += total;
    } else if (q.type === 'case') {
      stats.case++;
      if (!isText(q.stem)) say(['stem'], '案例材料不能为空');
      else if (q.stem.length < 150 || q.stem.length > 400)
        say(['stem'], `案例材料应为 150–400 字，实为 ${q.stem.length} 字`);
      if (q.answer !== undefined || q.rubric !== undefined)
        say([], '案例分析题的参考答案和评分要点写在各小题中');
      const subs = Array.isArray(q.questions) ? q.questions : [];
      if (subs.length < 2 || subs.length > 4) say(['questions'], `应有 2–4 道小题，实为 ${subs.length} 道`);
      if (!subs.some((s) => s && s.type === 'short-answer'))
        say(['questions'], '至少应有一道主观小题（short-answer）');
      subs.forEach((s, si) => {
        const sat = [...at, 'questions', si];
        const sayS = (p, msg) => report([...sat, ...p], `${where} 第${si + 1}小题：${msg}`);
        if (!plain(s)) return sayS([], '小题应为映射');
        unknownFields(s, SUB_FIELDS, [], '字段', sayS);
        const subCite = checkCite(s.cite, sayS, ctx, regulations);
        const subCited = subCite ? [subCite] : [];
        if (!isText(s.stem)) sayS(['stem'], '题干不能为空');
        staffText(['stem'], s.stem, sayS);
        uniqueStem(s.stem, s.options, `${file}#${q.id}/${si + 1}`, sayS, ctx);
        if (s.type === 'short-answer') {
          stats.sub['short-answer']++;
          stats.points += checkWritten(s, sayS, ctx, regulations, subCited, { min: 3, max: 8 });
        } else if (OBJECTIVE.includes(s.type)) {
          stats.sub[s.type]++;
          checkObjective(s, sayS);
          const points = s.points ?? 2;
          if (!halfSteps(points) || points <= 0) sayS(['points'], 'points 应为正数，以 0.5 为单位');
          else stats.points += points;
          checkExplanation(s.explanation, subCited, sayS);
          if (status === 'approved') objective.push(s);
        } else sayS(['type'], `小题题型应为 ${[...OBJECTIVE, 'short-answer'].join(' | ')}`);
        cited.push(...subCited);
      });
      if (q.explanation !== undefined) checkExplanation(q.explanation, cited, say, true);
    } else say(['type'], 'type 应为 short-answer 或 case（客观题写在 common/ 或 specialty/ 题库中）');
  });

  for (const message of keyBalanceProblems(objective)) report(['questions'], `答案分布：${message}`);
  return { problems, stats };
}

/** A written question or sub-question: answer, rubric, explanation. Returns its maximum (sum of points). */
function checkWritten(q, say, ctx, regulations, cited, bounds) {
  if (q.options !== undefined) say(['options'], '主观题没有选项');
  if (!isText(q.answer)) say(['answer'], '参考答案（answer）不能为空');
  else {
    const n = q.answer.length;
    if (n < 80 || n > 300) say(['answer'], `参考答案应为 80–300 字，实为 ${n} 字`);
    if (!/第[零一二三四五六七八九十百千]+条/.test(q.answer))
      say(['answer'], '参考答案应写明所依据的条文（第X条）');
    staffText(['answer'], q.answer, say);
  }
  const rubric = Array.isArray(q.rubric) ? q.rubric : [];
  if (rubric.length < 2 || rubric.length > 6)
    say(['rubric'], `评分要点应为 2–6 条，实为 ${rubric.length} 条`);
  let total = 0;
  const seenPoints = new Set();
  rubric.forEach((r, ri) => {
    const sayR = (p, msg) => say(['rubric', ri, ...p], `评分要点${ri + 1}：${msg}`);
    if (!plain(r)) return sayR([], '应为映射 { point, points, cite, keywords }');
    unknownFields(r, RUBRIC_FIELDS, [], '评分要点', sayR);
    if (!isText(r.point)) sayR(['point'], 'point 不能为空');
    else if (seenPoints.has(normaliseText(r.point))) sayR(['point'], '与前面的评分要点重复');
    else seenPoints.add(normaliseText(r.point));
    staffText(['point'], r.point, sayR);
    if (!halfSteps(r.points) || r.points < 1 || r.points > 6)
      sayR(['points'], 'points 应为 1–6，以 0.5 为单位');
    else total += r.points;
    const c = checkCite(r.cite, sayR, ctx, regulations);
    if (c) cited.push(c);
    const keywords = Array.isArray(r.keywords) ? r.keywords : [];
    if (keywords.length < 2 || keywords.length > 6)
      sayR(['keywords'], `关键词应为 2–6 个，实为 ${keywords.length} 个`);
    for (const k of keywords) {
      if (!isText(String(k ?? ''))) sayR(['keywords'], '关键词不能为空');
      else if (isText(q.answer) && !q.answer.includes(String(k)))
        sayR(['keywords'], `关键词“${k}”不在参考答案中`);
      staffText(['keywords'], String(k ?? ''), sayR);
    }
  });
  if (rubric.length && (total < bounds.min || total > bounds.max))
    say(['rubric'], `评分要点合计 ${total} 分，应为 ${bounds.min}–${bounds.max} 分`);
  checkExplanation(q.explanation, cited, say);
  return total;
}

/** An objective sub-question: the README rules of ordinary questions. */
function checkObjective(q, say) {
  const opts = plain(q.options) ? q.options : undefined;
  const keys = opts ? Object.keys(opts) : [];
  if (q.type === 'single' || q.type === 'multiple') {
    if (!opts) return say(['options'], '选择题需要选项（options）');
    if (keys.length < 2 || keys.length > 8 || keys.some((k, i) => k !== KEYS[i]))
      say(['options'], '选项键应为从 A 起连续的 2–8 个字母');
    for (const k of keys) {
      if (!isText(String(opts[k] ?? ''))) say(['options', k], `选项 ${k} 不能为空`);
      else if (DEPENDENT_OPTION.test(String(opts[k])))
        say(['options', k], `选项 ${k} 不得依赖其他选项（选项会打乱）`);
      staffText(['options', k], String(opts[k] ?? ''), say);
    }
    const texts = keys.map((k) => normaliseText(opts[k]));
    if (new Set(texts).size !== texts.length) say(['options'], '选项内容重复');
    if (q.type === 'single' && !keys.includes(q.answer)) say(['answer'], '单选题答案应为一个已有选项');
    if (q.type === 'multiple') {
      const ans = Array.isArray(q.answer) ? q.answer : [];
      if (ans.length < 2 || ans.some((k) => !keys.includes(k)) || new Set(ans).size !== ans.length)
        say(['answer'], '多选题答案应为至少两个不同的已有选项');
    }
  } else if (q.type === 'true-false') {
    if (q.options !== undefined) say(['options'], '判断题没有选项');
    if (typeof q.answer !== 'boolean') say(['answer'], '判断题答案应为 true 或 false');
  } else if (q.type === 'fill-blank') {
    if (q.options !== undefined) say(['options'], '填空题没有选项');
    const blanks = isText(q.stem) ? (q.stem.match(BLANK) ?? []).length : 0;
    const ans = Array.isArray(q.answer) ? q.answer : [];
    if (!blanks) say(['stem'], '填空题题干应含至少一个由三个以上下划线组成的空（____）');
    if (ans.length !== blanks) say(['answer'], `填空题有 ${blanks} 个空，答案有 ${ans.length} 组`);
    ans.forEach((list, i) => {
      if (!Array.isArray(list) || !list.length || list.some((a) => !isText(String(a ?? ''))))
        say(['answer', i], `第 ${i + 1} 空的答案应为非空的可接受写法列表`);
    });
  }
  if (q.rubric !== undefined) say(['rubric'], '客观题没有评分要点');
}

/** A citation { regulation, article, paragraph? }: returns { code, article, paragraph } when it resolves. */
function checkCite(cite, say, ctx, regulations) {
  if (cite === undefined || cite === null) {
    say(['cite'], '缺少法规引用 cite');
    return undefined;
  }
  if (!plain(cite) || !isText(cite.regulation) || !Number.isInteger(cite.article) || cite.article < 1) {
    say(['cite'], 'cite 应写成 { regulation: 法规编码, article: 条号, paragraph?: 款号 }');
    return undefined;
  }
  const extra = Object.keys(cite).filter((k) => !['regulation', 'article', 'paragraph'].includes(k));
  if (extra.length) say(['cite'], `cite 中有未知字段 ${extra.join('、')}`);
  const entry = ctx.catalogue.byName.get(normaliseName(cite.regulation));
  if (!entry) {
    say(['cite'], `法规“${cite.regulation}”不在法规目录中`);
    return undefined;
  }
  if (entry.repealed) say(['cite'], `引用已废止的${entry.title}`);
  if (!regulations.includes(entry.code)) say(['cite'], `${entry.code} 未列入 bank.regulations`);
  const articles = ctx.catalogue.texts.get(entry.code);
  if (!articles) {
    say(['cite'], `${entry.title}没有随附条文（catalogue/texts）`);
    return undefined;
  }
  const article = articles.get(cite.article);
  if (!article) {
    say(['cite'], `${entry.shortTitle ?? entry.title}${articleLabel(cite.article)}不在随附条文中`);
    return undefined;
  }
  if (cite.paragraph !== undefined) {
    if (!Number.isInteger(cite.paragraph) || cite.paragraph < 1) say(['cite'], 'paragraph 应为正整数');
    else if (cite.paragraph > article.paragraphs.length) {
      say(
        ['cite'],
        `${articleLabel(cite.article)}只有 ${article.paragraphs.length} 款，引用了第 ${cite.paragraph} 款`,
      );
      return undefined;
    }
  }
  return { code: entry.code, article: cite.article, text: article.text };
}

/**
 * An explanation names its own article (第X条) and quotes only what the cited articles say: each “…” passage,
 * split at ……, must occur in one of them (line breaks and the spaces of the text ignored).
 */
function checkExplanation(text, cited, say, optional = false) {
  if (!isText(text)) {
    if (!optional) say(['explanation'], '解析不能为空');
    return;
  }
  staffText(['explanation'], text, say);
  if (OPTION_BY_LETTER.test(text))
    say(['explanation'], `解析不得按字母指称选项：“${text.match(OPTION_BY_LETTER)[0]}”`);
  if (!optional) {
    const own = cited[0];
    if (own && !text.includes(articleLabel(own.article)))
      say(['explanation'], `解析应写明并引用${articleLabel(own.article)}`);
    if (!/《[^》]+》/.test(text)) say(['explanation'], '解析应写明法规名称（《…》）');
  }
  const squash = (s) => s.replace(/[\s\u3000]/g, '');
  const sources = cited.map((c) => squash(c.text));
  for (const m of text.matchAll(/“([^”]*)”/g)) {
    for (const part of m[1].split(/…+/)) {
      const p = squash(part).replace(/^[，。；：、]+|[，。；：、]+$/g, '');
      if (p.length < 2) continue;
      if (!sources.some((s) => s.includes(p)))
        say(['explanation'], `引文不在所引条文中：“${part.slice(0, 40)}”`);
    }
  }
}

function uniqueStem(stem, options, label, say, ctx) {
  if (!isText(stem)) return;
  const key = stemKey(stem, options);
  const earlier = ctx.seenStems.get(key);
  if (earlier) say(['stem'], `题干与 ${earlier} 相同`);
  else ctx.seenStems.set(key, label);
  const objective = ctx.objectiveStems.get(key) ?? ctx.objectiveStems.get(normaliseText(stem));
  if (objective) say(['stem'], `题干与客观题 ${objective} 相同`);
}

/** Text a member of staff reads: no CJK spacing, no remark meant for trainers. */
function staffText(at, text, say) {
  if (typeof text !== 'string') return;
  spacing(at, text, say);
  if (TRAINER_NOTE.test(text))
    say(at, `学员可见的文字含给培训管理员的说明：“${text.match(TRAINER_NOTE)[0]}”`);
}

function spacing(at, text, say) {
  if (typeof text !== 'string') return;
  const spaced = text.replace(/（\s+）/g, '（）');
  if (CJK_SPACE.test(spaced)) say(at, `中文之间有空格：“${spaced.match(CJK_SPACE)[0]}”`);
}

function unknownFields(obj, allowed, at, where, report) {
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) report([...at, k], `${where}：未知字段“${k}”`);
}

/** The bounds of issue #12 (test/helpers/content.ts), for objective sub-questions. */
function keyBalanceProblems(questions) {
  const problems = [];
  const singles = questions.filter((q) => q.type === 'single');
  if (singles.length) {
    const n = singles.length;
    for (const k of ['A', 'B', 'C', 'D']) {
      const c = singles.filter((q) => q.answer === k).length;
      if (Math.abs(c - n / 4) > Math.max(1, n / 20))
        problems.push(`单选答案 ${k} 有 ${c}/${n} 道（应在 20%–30% 之间）`);
    }
  }
  const tf = questions.filter((q) => q.type === 'true-false');
  if (tf.length) {
    const n = tf.length;
    const t = tf.filter((q) => q.answer === true).length;
    if (Math.abs(t - n / 2) > Math.max(1, n / 10))
      problems.push(`判断题答案为“正确”的有 ${t}/${n} 道（应在 40%–60% 之间）`);
  }
  const multi = questions.filter((q) => q.type === 'multiple' && Array.isArray(q.answer) && plain(q.options));
  if (multi.length) {
    const n = multi.length;
    const all = multi.filter((q) => q.answer.length === Object.keys(q.options).length).length;
    if (all > Math.max(1, Math.floor(n / 4)))
      problems.push(`多选题中全部选项都正确的有 ${all}/${n} 道（不应超过四分之一）`);
    if (n >= 2 && multi.every((q) => [...q.answer].sort()[0] === 'A'))
      problems.push(`多选题答案全部以 A 开头（${n} 道）`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Running

function run(files, root = ROOT) {
  const catalogue = loadCatalogue(root);
  const ctx = { catalogue, objectiveStems: loadObjectiveStems(root), seenStems: new Map() };
  const all = catalogue.problems.map((p) => ({ file: 'catalogue', line: 1, message: p }));
  const stats = [];
  for (const file of files) {
    const rel = path.relative(path.dirname(root), file);
    const result = checkBank(rel, fs.readFileSync(file, 'utf8'), ctx);
    all.push(...result.problems.map((p) => ({ file: rel, ...p })));
    stats.push(result.stats);
  }
  return { problems: all, stats };
}

function printStats(stats) {
  const total = { 'short-answer': 0, case: 0, approved: 0, draft: 0 };
  for (const s of stats) {
    const sub = Object.entries(s.sub)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    const diff = Object.keys(s.difficulty)
      .sort()
      .map((d) => `${d}:${s.difficulty[d]}`)
      .join(' ');
    console.log(`${s.file} [${s.code}, ${s.curriculum}]`);
    console.log(
      `  简答题 short-answer ${s['short-answer']} · 案例分析题 case ${s.case} (sub-questions: ${sub})` +
        ` · approved ${s.approved}, draft ${s.draft} · difficulty ${diff} · points ${s.points}`,
    );
    for (const k of Object.keys(total)) total[k] += s[k];
  }
  console.log(
    `total: ${stats.length} banks, short-answer ${total['short-answer']}, case ${total.case}, ` +
      `approved ${total.approved}, draft ${total.draft}`,
  );
}

/** Built-in broken banks: each must be refused for the reason named, and the good one accepted. */
function selfTest() {
  const catalogue = loadCatalogue();
  const sa = (over = {}) => ({
    id: 'x-1',
    type: 'short-answer',
    stem: '简述行政机关作出行政处罚决定之前的告知义务（自检）。',
    answer:
      '根据《行政处罚法》第四十四条，行政机关在作出行政处罚决定之前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，' +
      '并告知当事人依法享有的陈述、申辩、要求听证等权利。',
    rubric: [
      {
        point: '告知拟作出的处罚内容及事实、理由、依据',
        points: 2,
        cite: { regulation: 'administrative-penalty-law', article: 44 },
        keywords: ['处罚内容', '理由'],
      },
      {
        point: '告知陈述、申辩、要求听证等权利',
        points: 2,
        cite: { regulation: 'administrative-penalty-law', article: 44 },
        keywords: ['陈述', '听证'],
      },
    ],
    explanation:
      '《行政处罚法》第四十四条规定：“行政机关在作出行政处罚决定之前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据”。',
    difficulty: 3,
    cite: { regulation: 'administrative-penalty-law', article: 44 },
    ...over,
  });
  const bank = (questions) => ({
    bank: {
      code: 'selftest',
      title: '自检',
      curriculum: 'common',
      regulations: ['administrative-penalty-law'],
      description: '自检题库',
    },
    questions,
  });
  const check = (b) =>
    checkBank('selftest.yaml', YAML.stringify(b), {
      catalogue,
      objectiveStems: new Map(),
      seenStems: new Map(),
    }).problems.map((p) => p.message);
  const good = check(bank([sa()]));
  const cases = [
    [
      'a missing article',
      bank([sa({ cite: { regulation: 'administrative-penalty-law', article: 3 } })]),
      '不在随附条文中',
    ],
    [
      'a paragraph beyond the article',
      bank([sa({ cite: { regulation: 'administrative-penalty-law', article: 44, paragraph: 2 } })]),
      '只有 1 款',
    ],
    [
      'an unknown regulation',
      bank([sa({ cite: { regulation: 'no-such-law', article: 1 } })]),
      '不在法规目录中',
    ],
    [
      'a keyword not in the answer',
      bank([sa({ rubric: [sa().rubric[0], { ...sa().rubric[1], keywords: ['复核', '听证'] }] })]),
      '不在参考答案中',
    ],
    ['a one-point rubric', bank([sa({ rubric: [sa().rubric[0]] })]), '评分要点应为 2–6 条'],
    [
      'a points value not in half steps',
      bank([sa({ rubric: [sa().rubric[0], { ...sa().rubric[1], points: 1.3 }] })]),
      '以 0.5 为单位',
    ],
    [
      'a misquoted article',
      bank([sa({ explanation: '《行政处罚法》第四十四条规定：“行政机关可以不告知当事人”。' })]),
      '引文不在所引条文中',
    ],
    [
      'an explanation without its article',
      bank([sa({ explanation: '《行政处罚法》规定了告知义务。' })]),
      '解析应写明并引用第四十四条',
    ],
    ['two identical stems', bank([sa(), sa({ id: 'x-2' })]), '题干与'],
    [
      'a space between CJK characters',
      bank([sa({ stem: '简述行政机关 作出行政处罚决定之前的告知义务。' })]),
      '中文之间有空格',
    ],
    [
      'a trainer remark shown to staff',
      bank([sa({ stem: '简述告知义务（请培训管理员核对）。' })]),
      '培训管理员',
    ],
    [
      'a short reference answer',
      bank([sa({ answer: '应当告知，见第四十四条。处罚内容，理由，陈述，听证。' })]),
      '参考答案应为 80–300 字',
    ],
    [
      'a case with no written sub-question',
      bank([
        {
          id: 'c-1',
          type: 'case',
          difficulty: 3,
          cite: { regulation: 'administrative-penalty-law', article: 42 },
          stem: '某区退役军人事务局执法人员在调查某公司涉嫌违法行为时，'.repeat(6),
          questions: [
            {
              type: 'true-false',
              stem: '本案执法人员可以一人调查。',
              answer: false,
              explanation: '《行政处罚法》第四十二条规定：“执法人员不得少于两人”。',
              cite: { regulation: 'administrative-penalty-law', article: 42 },
            },
            {
              type: 'true-false',
              stem: '本案执法人员应当出示执法证件。',
              answer: true,
              explanation:
                '《行政处罚法》第五十五条规定：“执法人员在调查或者进行检查时，应当主动向当事人或者有关人员出示执法证件”。',
              cite: { regulation: 'administrative-penalty-law', article: 55 },
            },
          ],
        },
      ]),
      '至少应有一道主观小题',
    ],
    [
      'a skewed true/false key',
      bank(
        [0, 1, 2, 3].map((i) => ({
          id: `c-${i}`,
          type: 'case',
          difficulty: 3,
          cite: { regulation: 'administrative-penalty-law', article: 42 },
          stem: `第${i}个案例：某区退役军人事务局执法人员在调查某公司涉嫌违法行为时，`.repeat(5),
          questions: [
            {
              type: 'true-false',
              stem: `案例${i}中执法人员不得少于两人。`,
              answer: true,
              explanation: '《行政处罚法》第四十二条规定：“执法人员不得少于两人”。',
              cite: { regulation: 'administrative-penalty-law', article: 42 },
            },
            { ...sa(), id: undefined, difficulty: undefined, stem: `案例${i}：简述告知义务。` },
          ],
        })),
      ),
      '判断题答案为“正确”的有 4/4',
    ],
  ];
  const failures = [];
  if (good.length) failures.push(`the good bank was refused: ${good.join('; ')}`);
  for (const [what, b, expected] of cases) {
    const got = check(b);
    if (!got.some((m) => m.includes(expected)))
      failures.push(`${what}: expected “${expected}”, got ${JSON.stringify(got)}`);
  }
  if (failures.length) {
    console.error(`self-test FAILED:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  console.log(
    `self-test passed: the good bank is accepted and ${cases.length} broken banks are refused for the right reason`,
  );
  return 0;
}

function main(args) {
  if (args.includes('--self-test')) return selfTest();
  const dir = path.join(ROOT, 'written');
  const files = args.length
    ? args.map((a) => path.resolve(a))
    : fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((n) => /\.ya?ml$/.test(n))
          .sort()
          .map((n) => path.join(dir, n))
      : [];
  if (!files.length) {
    console.error(`no written bank found in ${path.relative(process.cwd(), dir) || dir}`);
    return 1;
  }
  const { problems, stats } = run(files);
  printStats(stats);
  if (problems.length) {
    console.error(`\n${problems.length} problem(s):`);
    for (const p of problems) console.error(`  ${p.file}:${p.line} ${p.message}`);
    return 1;
  }
  console.log('no problems');
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { checkBank, splitArticles, parseChineseNumber, toChineseNumber, keyBalanceProblems, run };
