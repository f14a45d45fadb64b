/**
 * Moodle Aiken: the stem (one or more lines), options `A.` / `A)` one per line, then `ANSWER: B`.
 * `ANSWER: A,C` (several letters) is accepted as a multiple-choice question. Pure.
 */
import type { ImportIssue, OptionKey, ParsedQuestion, ParseResult, QuestionDraft } from '../question.types';
import { parseOptionLetters } from './answers';
import { toLines, type SourceLine } from './common';
import { stripNoise } from './noise';
import { validateDraft } from './validate';

const OPTION_RE = /^([A-HＡ-Ｈ])\s*[.)．）]\s*(.*)$/;
const ANSWER_RE = /^ANSWER\s*[:：]\s*(.*)$/i;

interface Pending {
  line: number;
  stem: string[];
  options: { key: OptionKey; text: string; line: number }[];
}

class AikenParser {
  readonly questions: ParsedQuestion[] = [];
  readonly errors: ImportIssue[] = [];
  private count = 0;

  private error(line: number, field: string, message: string): void {
    this.errors.push({ line, field, message });
  }

  private missingAnswer(q: Pending): void {
    this.error(q.line, '答案', `第${this.count}题缺少“ANSWER:”行`);
  }

  private finish(q: Pending, answerText: string, answerLine: number): void {
    const stem = q.stem.join('\n').trim();
    if (q.options.length === 0) {
      this.error(q.line, '选项', `第${this.count}题没有选项（选项应写成“A. …”）`);
      return;
    }
    const letters = parseOptionLetters(answerText);
    if (!letters.ok) {
      this.error(answerLine, '答案', letters.message);
      return;
    }
    const question: QuestionDraft = {
      type: letters.keys.length === 1 ? 'single' : 'multiple',
      stem,
      options: q.options.map(({ key, text }) => ({ key, text })),
      answer: letters.keys.length === 1 ? letters.keys[0] : letters.keys,
      difficulty: 3,
      tags: [],
      status: 'approved',
    };
    const issues = validateDraft(question, {
      line: q.line,
      locate: (field, option) => ({
        line:
          field === 'answer'
            ? answerLine
            : field === 'options'
              ? (q.options.find((o) => o.key === option) ?? q.options[0]).line
              : q.line,
      }),
    });
    if (issues.length) this.errors.push(...issues);
    else this.questions.push({ question, line: q.line });
  }

  run(lines: SourceLine[]): void {
    let q: Pending | undefined;
    for (const { no, text: raw } of lines) {
      const text = raw.trim();
      if (text === '') continue;
      const answer = ANSWER_RE.exec(text);
      if (answer) {
        if (!q) this.error(no, '答案', '“ANSWER:”前面没有题目');
        else this.finish(q, answer[1], no);
        q = undefined;
        continue;
      }
      const option = OPTION_RE.exec(text);
      if (option && q && (q.options.length > 0 || q.stem.length > 0)) {
        const key = (
          option[1] >= 'Ａ' ? String.fromCharCode(option[1].charCodeAt(0) - 0xfee0) : option[1]
        ) as OptionKey;
        q.options.push({ key, text: option[2].trim(), line: no });
        continue;
      }
      if (option && !q) {
        this.error(no, '选项', '选项前面没有题干');
        continue;
      }
      if (q && q.options.length > 0) {
        this.missingAnswer(q);
        q = undefined;
      }
      if (!q) {
        this.count++;
        q = { line: no, stem: [], options: [] };
      }
      q.stem.push(text);
    }
    if (q) this.missingAnswer(q);
  }
}

/** Parses Aiken lines (already noise-stripped). */
export function parseAikenLines(lines: SourceLine[]): ParseResult {
  const parser = new AikenParser();
  parser.run(lines);
  parser.errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { format: 'aiken', questions: parser.questions, errors: parser.errors, warnings: [] };
}

/** Parses an Aiken file; watermark/page-header noise is removed first. */
export function parseAikenText(text: string): ParseResult {
  const noise = stripNoise(toLines(text));
  const result = parseAikenLines(noise.lines);
  result.warnings = noise.warnings;
  return result;
}
