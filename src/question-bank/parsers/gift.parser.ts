/**
 * Moodle GIFT, read with Moodle's own semantics (question/format/gift):
 * - `//` comments, `$CATEGORY:` (ignored), `::title::`, questions separated by blank lines, `[html]`/`[plain]`/
 *   `[moodle]`/`[markdown]` format markers (HTML is turned into text), `#feedback`, `####general feedback`
 *   (the explanation), escapes `\~ \= \# \{ \} \: \\`.
 * - A block with a `~` is a choice question. `=` is a full-credit answer, `~` a wrong one, and an explicit weight
 *   `%w%` overrides the marker. Exactly one full-credit answer → single choice (other partial credits are dropped
 *   with a warning: the platform scores a single choice all-or-nothing); no full-credit answer and positive
 *   weights summing to 100% → multiple choice; 0% and negative weights are wrong options. Anything else (two
 *   full-credit answers, weights not adding up) is an error that says what to change.
 * - `{T}`/`{FALSE}` → true-false. A block of `=` answers only → fill-blank (several blocks → several blanks;
 *   partial-credit answers are dropped with a warning).
 * - Essay `{}` → a short-answer draft with an empty rubric (the `####` general feedback, if any, as its reference
 *   answer) and a warning: it cannot be approved until a trainer writes its rubric.
 * - Numeric `{#…}`, matching `{=a -> b}` and short answers with a `*` wildcard cannot be stored: they are reported
 *   as skipped, and do not make the file fail.
 * A citation may be the title (`::《退役军人保障法》第二十二条::`) or a `// 法规：…` comment before the question.
 * Pure.
 */
import {
  OPTION_KEYS,
  type AnswerKey,
  type Citation,
  type ImportIssue,
  type OptionKey,
  type ParsedQuestion,
  type ParseResult,
  type QuestionDraft,
  type SkippedBlock,
  type SkippedKind,
} from '../question.types';
import { parseCitation } from './citation';
import { htmlToText, quote, toLines, type SourceLine } from './common';
import { stripNoise } from './noise';
import { validateDraft } from './validate';

const ESCAPABLE = '~=#{}:\\';

/** GIFT escapes: `\~ \= \# \{ \} \: \\` are literal characters and `\n` a line break. */
export function unescapeGift(text: string): string {
  return text.replace(/\\(.)/gs, (all, ch: string) =>
    ESCAPABLE.includes(ch) ? ch : ch === 'n' ? '\n' : all,
  );
}

function indexOfUnescaped(text: string, needle: string, from = 0): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text.startsWith(needle, i)) return i;
  }
  return -1;
}

const FORMAT_MARKER = /^\s*\[(html|moodle|plain|markdown)\]/i;

/** Text of a question, an answer or a feedback: its format marker removed, HTML turned into text, unescaped. */
function giftText(raw: string, html = false): string {
  const m = FORMAT_MARKER.exec(raw);
  const isHtml = m ? m[1].toLowerCase() === 'html' : html;
  const body = unescapeGift(m ? raw.slice(m[0].length) : raw);
  return (isHtml ? htmlToText(body) : body).trim();
}

/** Whole-number or decimal percentages as Moodle writes them (`%33.33333%`, `%-100%`). */
const WEIGHT = /^\s*%(-?\d+(?:\.\d+)?)%/;
const FULL = 100;
const near = (a: number, b: number) => Math.abs(a - b) < 0.5;

interface Answer {
  weight: number;
  text: string;
}

type AnswerBlock =
  | { kind: 'true-false'; value: boolean; general?: string }
  | { kind: 'choice'; answers: Answer[]; general?: string }
  | { kind: 'fill'; answers: Answer[]; general?: string }
  | { kind: 'essay'; general?: string }
  | { kind: 'skip'; skip: SkippedKind; label: string; message: string }
  | { kind: 'invalid'; message: string };

function splitAnswers(body: string): { marker: string; raw: string }[] | undefined {
  const items: { marker: string; raw: string }[] = [];
  let start = -1;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      i++;
      continue;
    }
    if (body[i] === '=' || body[i] === '~') {
      if (start < 0 && body.slice(0, i).trim() !== '') return undefined;
      if (start >= 0) items[items.length - 1].raw = body.slice(start, i);
      items.push({ marker: body[i], raw: '' });
      start = i + 1;
    }
  }
  if (items.length === 0) return undefined;
  items[items.length - 1].raw = body.slice(start);
  return items;
}

function analyzeBlock(content: string, html: boolean): AnswerBlock {
  const g = indexOfUnescaped(content, '####');
  const general = g >= 0 ? giftText(content.slice(g + 4), html) || undefined : undefined;
  const body = (g >= 0 ? content.slice(0, g) : content).trim();
  if (body === '') return { kind: 'essay', general };
  if (body.startsWith('#'))
    return {
      kind: 'skip',
      skip: 'unsupported',
      label: 'GIFT 数字题（{#…}）',
      message: 'GIFT 数字题（{#…}）无法在本平台评分，已跳过；如需导入，请改写成选择题或填空题',
    };
  const tf = /^(T|F|TRUE|FALSE)\s*(?:#[\s\S]*)?$/i.exec(body);
  if (tf) return { kind: 'true-false', value: tf[1].toUpperCase().startsWith('T'), general };
  const hasWrong = indexOfUnescaped(body, '~') >= 0;
  if (!hasWrong && indexOfUnescaped(body, '->') >= 0)
    return {
      kind: 'skip',
      skip: 'unsupported',
      label: 'GIFT 匹配题（->）',
      message: 'GIFT 匹配题（->）暂不支持导入，已跳过；如需导入，请改写成选择题',
    };
  const items = splitAnswers(body);
  if (!items) {
    return { kind: 'invalid', message: '答案块格式不正确：正确答案以“=”开头，错误答案以“~”开头' };
  }
  const answers: Answer[] = [];
  for (const item of items) {
    let raw = item.raw;
    const w = WEIGHT.exec(raw);
    // An explicit weight wins over the marker: `=%0%x` is a wrong answer, `~%50%x` half right.
    const weight = w ? Number(w[1]) : item.marker === '=' ? FULL : 0;
    if (w) raw = raw.slice(w[0].length);
    const feedback = indexOfUnescaped(raw, '#');
    const text = giftText(feedback >= 0 ? raw.slice(0, feedback) : raw, html);
    if (text === '') return { kind: 'invalid', message: '答案块中有空白的答案' };
    answers.push({ weight, text });
  }
  if (hasWrong) return { kind: 'choice', answers, general };
  if (answers.some((a) => a.text === '*'))
    return {
      kind: 'skip',
      skip: 'unsupported',
      label: 'GIFT 简答题（含通配符“*”）',
      message:
        'GIFT 简答题中有通配符答案“*”（任意回答都算），本平台无法按此评分，已跳过；如需导入，请删除“*”答案',
    };
  return { kind: 'fill', answers, general };
}

const pct = (w: number) => `${Number(w.toFixed(2))}%`;

/**
 * A choice block by Moodle's weights. Returns the correct option indexes and a warning about dropped partial
 * credits, or an error message.
 */
function choiceKey(answers: Answer[]): { correct: number[]; warning?: string } | { error: string } {
  const full = answers.flatMap((a, i) => (near(a.weight, FULL) ? [i] : []));
  const partial = answers.flatMap((a, i) => (a.weight > 0 && !near(a.weight, FULL) ? [i] : []));
  if (full.length === 1) {
    if (partial.length === 0) return { correct: full };
    const dropped = partial.map((i) => `${OPTION_KEYS[i] ?? i + 1}（${pct(answers[i].weight)}）`).join('、');
    return {
      correct: full,
      warning: `只有一个满分答案${OPTION_KEYS[full[0]]}，按单选题导入；部分得分的选项${dropped}按错误选项处理（单选题不给部分分）`,
    };
  }
  if (full.length > 1) {
    const keys = full.map((i) => OPTION_KEYS[i] ?? String(i + 1)).join('、');
    return {
      error: `有${full.length}个满分答案（${keys}），在 Moodle 中答对其中任意一个即得满分，本平台无法这样评分；单选题请只保留一个“=”，多选题请写成“~%50%甲 ~%50%乙 ~丙”`,
    };
  }
  if (partial.length === 0)
    return { error: '答案块中没有正确答案（正确答案以“=”开头，或用正的百分比权重如 ~%50%）' };
  const sum = partial.reduce((s, i) => s + answers[i].weight, 0);
  if (partial.length === 1 || !near(sum, FULL)) {
    return {
      error: `正确选项的权重之和应为100%，当前为${pct(sum)}（${partial.map((i) => `${OPTION_KEYS[i] ?? i + 1} ${pct(answers[i].weight)}`).join('、')}）；多选题请让各正确选项的权重相加为100%，单选题请用“=”标出唯一正确答案`,
    };
  }
  return { correct: partial };
}

interface Chunk {
  lines: SourceLine[];
  citation?: { text: string; line: number };
}

const CITATION_COMMENT = /^\/\/\s*(?:法规|依据|出处|法律依据)\s*[:：]\s*(.*)$/;

class GiftParser {
  readonly questions: ParsedQuestion[] = [];
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  readonly skipped: SkippedBlock[] = [];

  private error(line: number, field: string | undefined, message: string): void {
    this.errors.push(field ? { line, field, message } : { line, message });
  }

  run(lines: SourceLine[]): void {
    let pending: { text: string; line: number } | undefined;
    let current: SourceLine[] = [];
    const flush = () => {
      if (current.length) {
        this.question({ lines: current, citation: pending });
        pending = undefined;
      }
      current = [];
    };
    for (const line of lines) {
      const t = line.text.trim();
      if (t === '') {
        flush();
        continue;
      }
      if (t.startsWith('//')) {
        const m = CITATION_COMMENT.exec(t);
        if (m && current.length === 0) pending = { text: m[1], line: line.no };
        continue;
      }
      if (/^\$CATEGORY\s*:/i.test(t)) {
        this.warnings.push({
          line: line.no,
          message: `已忽略分类设置“${quote(t, 60)}”（题目分类请在平台中设置）`,
        });
        continue;
      }
      current.push(line);
    }
    flush();
  }

  private question(chunk: Chunk): void {
    const first = chunk.lines[0].no;
    const starts: number[] = [];
    let offset = 0;
    for (const l of chunk.lines) {
      starts.push(offset);
      offset += l.text.length + 1;
    }
    const text = chunk.lines.map((l) => l.text).join('\n');
    const lineAt = (offset: number): number => {
      let k = 0;
      while (k + 1 < starts.length && starts[k + 1] <= offset) k++;
      return chunk.lines[k].no;
    };

    let pos = 0;
    let title: string | undefined;
    const lead = text.length - text.trimStart().length;
    if (text.startsWith('::', lead)) {
      const end = indexOfUnescaped(text, '::', lead + 2);
      if (end < 0) {
        this.error(first, '标题', '标题缺少结束的“::”');
        return;
      }
      title = unescapeGift(text.slice(lead + 2, end)).trim();
      pos = end + 2;
    }
    const format = FORMAT_MARKER.exec(text.slice(pos));
    const html = format?.[1].toLowerCase() === 'html';
    if (format) pos += format[0].length;

    const segments: string[] = [];
    const blocks: { content: string; line: number }[] = [];
    let segStart = pos;
    for (let i = pos; i < text.length; i++) {
      if (text[i] === '\\') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        this.error(lineAt(i), '答案', '多余的“}”（如果是题目中的文字，请写成“\\}”）');
        return;
      }
      if (text[i] !== '{') continue;
      const close = indexOfUnescaped(text, '}', i + 1);
      const nested = indexOfUnescaped(text, '{', i + 1);
      if (close < 0) {
        this.error(lineAt(i), '答案', '答案块缺少结束的“}”（题目之间请用空行分隔）');
        return;
      }
      if (nested >= 0 && nested < close) {
        this.error(lineAt(nested), '答案', '答案块中不能再有“{”（如果是文字，请写成“\\{”）');
        return;
      }
      segments.push(text.slice(segStart, i));
      blocks.push({ content: text.slice(i + 1, close), line: lineAt(i) });
      i = close;
      segStart = close + 1;
    }
    segments.push(text.slice(segStart));
    if (blocks.length === 0) {
      this.error(
        first,
        '答案',
        '没有找到答案块“{…}”，GIFT 题目的答案应写在花括号中，如 {=正确答案 ~错误答案}',
      );
      return;
    }

    const analyzed = blocks.map((b) => ({ ...b, answer: analyzeBlock(b.content, html) }));
    for (const b of analyzed) {
      if (b.answer.kind === 'skip') {
        this.skipped.push({
          line: first,
          kind: b.answer.skip,
          label: b.answer.label,
          raw: text,
          message: b.answer.message,
        });
        return;
      }
      if (b.answer.kind === 'invalid') {
        this.error(b.line, '答案', b.answer.message);
        return;
      }
    }
    // The stem's pieces around the blocks, unescaped; HTML is turned into text once the stem is put together.
    const texts = segments.map(unescapeGift);
    const finish = (stem: string) => (html ? htmlToText(stem) : stem.trim());
    const answerLine = analyzed[0].line;
    const notes: ImportIssue[] = [];
    let draft: Omit<QuestionDraft, 'difficulty' | 'tags' | 'status'>;
    const general = analyzed
      .map((b) => ('general' in b.answer ? b.answer.general : undefined))
      .filter((g): g is string => !!g);

    if (analyzed.every((b) => b.answer.kind === 'fill')) {
      const blanks: string[][] = [];
      for (const b of analyzed) {
        if (b.answer.kind !== 'fill') return;
        const right = b.answer.answers.filter((a) => near(a.weight, FULL)).map((a) => a.text);
        const partial = b.answer.answers.filter((a) => a.weight > 0 && !near(a.weight, FULL));
        if (right.length === 0) {
          this.error(
            b.line,
            '答案',
            '填空答案块中没有满分答案（满分答案以“=”开头且不带百分比，或写成 =%100%）',
          );
          return;
        }
        if (partial.length) {
          notes.push({
            line: b.line,
            field: '答案',
            message: `部分得分的答案${partial.map((a) => `“${a.text}”（${pct(a.weight)}）`).join('、')}已舍去，只有满分答案算对`,
          });
        }
        blanks.push(right);
      }
      let stem = texts[0];
      analyzed.forEach((_, k) => (stem += '___' + texts[k + 1]));
      draft = { type: 'fill-blank', stem: finish(stem), options: [], answer: blanks };
    } else if (analyzed.length > 1) {
      this.error(analyzed[1].line, '答案', '一道题只能有一个选择或判断答案块（多个答案块只用于多空填空题）');
      return;
    } else if (analyzed[0].answer.kind === 'essay') {
      // An essay becomes a short-answer draft: GIFT has no rubric (and at most a model answer in ####).
      const reference = analyzed[0].answer.general ?? '';
      draft = {
        type: 'short-answer',
        stem: finish(`${texts[0]}${texts[1]}`),
        options: [],
        answer: { reference, rubric: [] },
      };
      general.length = 0;
      notes.push({
        line: first,
        field: '评分要点',
        message: `GIFT 问答题已按简答题导入为草稿：文件中没有评分要点${reference ? '' : '和参考答案'}，请在题目编辑页（或题库文件）中补充后才能审核通过${reference ? '（“####”后的内容已作为参考答案）' : ''}`,
      });
    } else {
      const block = analyzed[0].answer;
      const after = texts[1];
      // Text after the block is a sentence going on (Moodle's “missing word”); bare punctuation just ends it.
      const stem = finish(/[\p{L}\p{N}]/u.test(after) ? `${texts[0]}（ ）${after}` : `${texts[0]}${after}`);
      if (block.kind === 'true-false') {
        draft = { type: 'true-false', stem, options: [], answer: block.value };
      } else if (block.kind === 'choice') {
        const options = block.answers.map((a, k) => ({
          key: (OPTION_KEYS[k] ?? `#${k + 1}`) as OptionKey,
          text: a.text,
        }));
        const key = choiceKey(block.answers);
        if ('error' in key) {
          this.error(answerLine, '答案', key.error);
          return;
        }
        if (key.warning) notes.push({ line: answerLine, field: '答案', message: key.warning });
        const correct = key.correct.map((i) => options[i].key);
        const answer: AnswerKey = correct.length === 1 ? correct[0] : correct;
        draft = { type: correct.length === 1 ? 'single' : 'multiple', stem, options, answer };
      } else {
        return;
      }
    }

    let citation: Citation | undefined;
    if (title) {
      const parsed = parseCitation(title, { requireArticle: true });
      if (parsed.ok) citation = parsed.citation;
      else if (/[《》]|第.+条/.test(title)) {
        notes.push({
          line: first,
          message: `标题“${title}”不是有效的法规引用，已忽略（${parsed.message}）`,
        });
      }
    }
    if (!citation && chunk.citation) {
      const parsed = parseCitation(chunk.citation.text);
      if (!parsed.ok) {
        this.error(chunk.citation.line, '法规', parsed.message);
        return;
      }
      citation = parsed.citation;
      if (parsed.warning) notes.push({ line: chunk.citation.line, field: '法规', message: parsed.warning });
    }

    const question: QuestionDraft = {
      ...draft,
      difficulty: 3,
      tags: [],
      status: draft.type === 'short-answer' ? 'draft' : 'approved',
    };
    if (general.length) question.explanation = general.join('\n');
    if (citation) question.citation = citation;
    const issues = validateDraft(question, {
      line: first,
      locate: (field) => ({
        line:
          field === 'answer' || field === 'options'
            ? answerLine
            : field === 'citation'
              ? chunk.citation?.line
              : first,
      }),
    });
    if (issues.length) {
      this.errors.push(...issues);
      return;
    }
    this.warnings.push(...notes);
    this.questions.push(
      notes.length ? { question, line: first, warnings: notes } : { question, line: first },
    );
  }
}

/** Parses GIFT lines (already noise-stripped). */
export function parseGiftLines(lines: SourceLine[]): ParseResult {
  const parser = new GiftParser();
  parser.run(lines);
  parser.errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const result: ParseResult = {
    format: 'gift',
    questions: parser.questions,
    errors: parser.errors,
    warnings: parser.warnings,
  };
  if (parser.skipped.length) result.skipped = parser.skipped;
  return result;
}

/** Parses a GIFT file; watermark/page-header noise is removed first. */
export function parseGiftText(text: string): ParseResult {
  const noise = stripNoise(toLines(text));
  const result = parseGiftLines(noise.lines);
  result.warnings = [...noise.warnings, ...result.warnings].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return result;
}
