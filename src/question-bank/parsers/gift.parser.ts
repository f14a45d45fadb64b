/**
 * Moodle GIFT: `//` comments, `$CATEGORY:` (ignored), `::title::`, questions separated by blank lines, answer
 * blocks `{=right ~wrong}` (single), several `=` or positive `~%w%` weights (multiple), `{T}`/`{F}` (true-false),
 * `{=a =b}` without `~` (fill-blank, the block is the blank), `####general feedback` (explanation). A citation may
 * be the title (`::《退役军人保障法》第二十二条::`) or a `// 法规：…` comment before the question. Pure.
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
} from '../question.types';
import { parseCitation } from './citation';
import { toLines, type SourceLine } from './common';
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

type AnswerBlock =
  | { kind: 'true-false'; value: boolean; general?: string }
  | { kind: 'choice'; items: { correct: boolean; text: string }[]; general?: string }
  | { kind: 'fill'; answers: string[]; general?: string }
  | { kind: 'unsupported'; what: string }
  | { kind: 'invalid'; message: string };

function analyzeBlock(content: string): AnswerBlock {
  const g = indexOfUnescaped(content, '####');
  const general = g >= 0 ? unescapeGift(content.slice(g + 4)).trim() || undefined : undefined;
  const body = (g >= 0 ? content.slice(0, g) : content).trim();
  if (body === '') return { kind: 'unsupported', what: '问答题（{}）' };
  if (body.startsWith('#')) return { kind: 'unsupported', what: '数字题（{#…}）' };
  const tf = /^(T|F|TRUE|FALSE)\s*(?:#[\s\S]*)?$/i.exec(body);
  if (tf) return { kind: 'true-false', value: tf[1].toUpperCase().startsWith('T'), general };
  if (indexOfUnescaped(body, '->') >= 0) return { kind: 'unsupported', what: '匹配题（->）' };
  const items: { marker: string; raw: string }[] = [];
  let start = -1;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      i++;
      continue;
    }
    if (body[i] === '=' || body[i] === '~') {
      if (start < 0 && body.slice(0, i).trim() !== '') break;
      if (start >= 0) items[items.length - 1].raw = body.slice(start, i);
      items.push({ marker: body[i], raw: '' });
      start = i + 1;
    }
  }
  if (items.length === 0) {
    return { kind: 'invalid', message: '答案块格式不正确：正确答案以“=”开头，错误答案以“~”开头' };
  }
  items[items.length - 1].raw = body.slice(start);
  const parsed: { marker: string; weight?: number; text: string }[] = [];
  for (const item of items) {
    let raw = item.raw;
    let weight: number | undefined;
    const w = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(raw);
    if (w) {
      weight = Number(w[1]);
      raw = raw.slice(w[0].length);
    }
    const feedback = indexOfUnescaped(raw, '#');
    const text = unescapeGift(feedback >= 0 ? raw.slice(0, feedback) : raw).trim();
    if (text === '') return { kind: 'invalid', message: '答案块中有空白的答案' };
    parsed.push({ marker: item.marker, weight, text });
  }
  if (parsed.every((p) => p.marker === '='))
    return { kind: 'fill', answers: parsed.map((p) => p.text), general };
  return {
    kind: 'choice',
    items: parsed.map((p) => ({ correct: p.marker === '=' || (p.weight ?? 0) > 0, text: p.text })),
    general,
  };
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
          message: `已忽略分类设置“${t.slice(0, 60)}”（题目分类请在平台中设置）`,
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
    const format = /^\s*\[(?:html|moodle|plain|markdown)\]/i.exec(text.slice(pos));
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

    const analyzed = blocks.map((b) => ({ ...b, answer: analyzeBlock(b.content) }));
    for (const b of analyzed) {
      if (b.answer.kind === 'unsupported') {
        this.error(b.line, '题型', `不支持的 GIFT 题型：${b.answer.what}，只支持单选、多选、判断、填空题`);
        return;
      }
      if (b.answer.kind === 'invalid') {
        this.error(b.line, '答案', b.answer.message);
        return;
      }
    }
    const texts = segments.map(unescapeGift);
    const answerLine = analyzed[0].line;
    let draft: Omit<QuestionDraft, 'difficulty' | 'tags' | 'status'>;
    const general = analyzed
      .map((b) =>
        b.answer.kind === 'unsupported' || b.answer.kind === 'invalid' ? undefined : b.answer.general,
      )
      .filter((g): g is string => !!g);

    if (analyzed.every((b) => b.answer.kind === 'fill')) {
      let stem = texts[0];
      analyzed.forEach((_, k) => (stem += '___' + texts[k + 1]));
      draft = {
        type: 'fill-blank',
        stem: stem.trim(),
        options: [],
        answer: analyzed.map((b) => (b.answer.kind === 'fill' ? b.answer.answers : [])),
      };
    } else if (analyzed.length > 1) {
      this.error(analyzed[1].line, '答案', '一道题只能有一个选择或判断答案块（多个答案块只用于多空填空题）');
      return;
    } else {
      const block = analyzed[0].answer;
      const after = texts[1].trim();
      const stem = (after ? `${texts[0]}（ ）${texts[1]}` : texts[0]).trim();
      if (block.kind === 'true-false') {
        draft = { type: 'true-false', stem, options: [], answer: block.value };
      } else if (block.kind === 'choice') {
        const options = block.items.map((item, k) => ({
          key: (OPTION_KEYS[k] ?? `#${k + 1}`) as OptionKey,
          text: item.text,
        }));
        const correct = options.filter((_, k) => block.items[k].correct).map((o) => o.key);
        if (correct.length === 0) {
          this.error(
            answerLine,
            '答案',
            '答案块中没有正确答案（正确答案以“=”开头，或用正的百分比权重如 ~%50%）',
          );
          return;
        }
        const answer: AnswerKey = correct.length === 1 ? correct[0] : correct;
        draft = { type: correct.length === 1 ? 'single' : 'multiple', stem, options, answer };
      } else {
        return;
      }
    }

    let citation: Citation | undefined;
    if (title) {
      const parsed = parseCitation(title);
      if (parsed.ok) citation = parsed.citation;
      else if (/[《》]|第.+条/.test(title)) {
        this.warnings.push({
          line: first,
          message: `标题“${title}”不是有效的法规引用，已忽略（${parsed.message}）`,
        });
      }
    }
    if (!citation && chunk.citation) {
      const parsed = parseCitation(chunk.citation.text);
      if (parsed.ok) citation = parsed.citation;
      else {
        this.error(chunk.citation.line, '法规', parsed.message);
        return;
      }
    }

    const question: QuestionDraft = { ...draft, difficulty: 3, tags: [], status: 'approved' };
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
    this.questions.push({ question, line: first });
  }
}

/** Parses GIFT lines (already noise-stripped). */
export function parseGiftLines(lines: SourceLine[]): ParseResult {
  const parser = new GiftParser();
  parser.run(lines);
  parser.errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { format: 'gift', questions: parser.questions, errors: parser.errors, warnings: parser.warnings };
}

/** Parses a GIFT file; watermark/page-header noise is removed first. */
export function parseGiftText(text: string): ParseResult {
  const noise = stripNoise(toLines(text));
  const result = parseGiftLines(noise.lines);
  result.warnings = [...noise.warnings, ...result.warnings].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return result;
}
