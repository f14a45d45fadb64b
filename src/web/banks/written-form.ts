/**
 * The question editor's part for written questions: a short-answer's reference answer and rubric, a case's
 * sub-questions (stems; a written one's reference answer and rubric). Rubric points are rows of fields named
 * `r{n}_…` (in a case `s{i}_r{n}_…`): 顺序 reorders, 删除 removes, a blank row left at the end adds one. The form
 * works without script; written-editor.js only adds and removes rows in place.
 */
import type { RegulationResponse } from '../../curriculum/regulation.response';
import type { CaseKey, RubricPoint, WrittenKey } from '../../question-bank/question.types';
import { QUESTION_TYPE_LABELS } from '../../question-bank/question.types';
import { field, input, one, select, textarea, type FormFields } from '../shared/form';
import { html, type SafeHtml } from '../shared/html';

/** Blank rows offered after the rubric's points, for adding some without script. */
export const BLANK_ROWS = 2;

const ROW_FIELDS = ['point', 'points', 'reg', 'art', 'para', 'kw'] as const;

const numberOrNaN = (v: string): number => (v === '' ? NaN : Number(v));

/** The rubric rows posted under `prefix` (e.g. 's1_'), in the order asked for, without removed and blank rows. */
export function rubricFromForm(form: FormFields, prefix = ''): Record<string, unknown>[] {
  const rowRe = new RegExp(`^${prefix}r(\\d+)_(?:${ROW_FIELDS.join('|')}|order|del)$`);
  const rows = [...new Set(Object.keys(form).flatMap((k) => rowRe.exec(k)?.[1] ?? []))].map(Number);
  const get = (n: number, f: string) => one(form[`${prefix}r${n}_${f}`]);
  return rows
    .filter((n) => get(n, 'del') === '' && ROW_FIELDS.some((f) => get(n, f) !== ''))
    .map((n) => {
      // 顺序 as typed; without a number a row keeps its place (row n is number n + 1).
      const order = Number(get(n, 'order') || NaN);
      return { n, order: Number.isFinite(order) ? order : n + 1 };
    })
    .sort((a, b) => a.order - b.order || a.n - b.n)
    .map(({ n }) => {
      const regulation = get(n, 'reg');
      const article = get(n, 'art');
      const paragraph = get(n, 'para');
      const point: Record<string, unknown> = {
        point: get(n, 'point'),
        points: numberOrNaN(get(n, 'points')),
        keywords: get(n, 'kw')
          .split(/[、，,；;\s]+/)
          .filter((w) => w !== ''),
      };
      if (regulation !== '' || article !== '' || paragraph !== '')
        point.citation = {
          regulation,
          ...(article !== '' ? { article: Number(article) } : {}),
          ...(paragraph !== '' ? { paragraph: Number(paragraph) } : {}),
        };
      return point;
    });
}

/**
 * A written question's key as posted by the editor (undefined when the form has none): a short-answer's
 * `reference` and rubric rows; a case's sub-questions `s{i}_stem` (a written one with `s{i}_reference` and rows).
 * An objective sub-question's options and key are not in the form: the edit keeps them (normalizeWrittenKey).
 */
export function writtenKeyFromForm(form: FormFields): unknown {
  if ('reference' in form) return { reference: one(form.reference), rubric: rubricFromForm(form) };
  const subs = Object.keys(form)
    .flatMap((k) => /^s(\d+)_stem$/.exec(k)?.[1] ?? [])
    .map(Number)
    .sort((a, b) => a - b);
  if (!subs.length) return undefined;
  return {
    questions: subs.map((i) =>
      `s${i}_reference` in form
        ? {
            type: 'short-answer',
            stem: one(form[`s${i}_stem`]),
            answer: { reference: one(form[`s${i}_reference`]), rubric: rubricFromForm(form, `s${i}_`) },
          }
        : { stem: one(form[`s${i}_stem`]) },
    ),
  };
}

function regulationChoices(regulations: RegulationResponse[], current: string | undefined) {
  const known = regulations.some((r) => r.code === current || r.title === current);
  return [
    { value: '', label: '（无）', selected: !current },
    ...(current && !known ? [{ value: current, label: current, selected: true }] : []),
    ...regulations.map((r) => ({
      value: r.code,
      label: `${r.title}${r.status === 'repealed' ? '（已废止）' : ''}`,
      selected: r.code === current || r.title === current,
    })),
  ];
}

function rubricRow(
  prefix: string,
  n: number,
  r: RubricPoint | null,
  regulations: RegulationResponse[],
): SafeHtml {
  const id = (f: string) => `e-${prefix}r${n}-${f}`;
  const name = (f: string) => `${prefix}r${n}_${f}`;
  return html`<fieldset class="rubric-row" data-row="${n}">
    <legend>${r ? `评分要点第${n + 1}条` : '新增评分要点'}</legend>
    <div class="grid2">
      ${field(
        id('order'),
        '顺序',
        input({ id: id('order'), name: name('order'), type: 'number', min: 1, value: n + 1 }),
      )}
      ${field(
        id('points'),
        '分值（0.5的倍数）',
        input({
          id: id('points'),
          name: name('points'),
          type: 'number',
          min: 0.5,
          step: 0.5,
          value: r?.points ?? '',
        }),
      )}
    </div>
    ${field(id('point'), '要点', textarea({ id: id('point'), name: name('point'), rows: 2 }, r?.point ?? ''))}
    <div class="grid2">
      ${field(
        id('reg'),
        '依据法规',
        select({ id: id('reg'), name: name('reg') }, regulationChoices(regulations, r?.citation?.regulation)),
      )}
      ${field(
        id('art'),
        '条',
        input({
          id: id('art'),
          name: name('art'),
          type: 'number',
          min: 1,
          value: r?.citation?.article ?? '',
        }),
      )}
      ${field(
        id('para'),
        '款',
        input({
          id: id('para'),
          name: name('para'),
          type: 'number',
          min: 1,
          value: r?.citation?.paragraph ?? '',
        }),
      )}
      ${field(
        id('kw'),
        '关键词（用顿号分隔）',
        input({ id: id('kw'), name: name('kw'), value: (r?.keywords ?? []).join('、') }),
      )}
    </div>
    ${r
      ? html`<div class="field checkbox">
          ${input({ id: id('del'), name: name('del'), type: 'checkbox', value: '1' })}<label
            for="${id('del')}"
            >删除此要点</label
          >
        </div>`
      : ''}
  </fieldset>`;
}

/** A reference answer and its rubric rows (with blank rows to add points). */
function writtenFields(prefix: string, key: WrittenKey, regulations: RegulationResponse[]): SafeHtml {
  const rows = [...key.rubric, ...Array.from({ length: BLANK_ROWS }, () => null)];
  return html`${field(
      `e-${prefix}reference`,
      '参考答案',
      textarea(
        { id: `e-${prefix}reference`, name: `${prefix}reference`, rows: 4, required: true },
        key.reference,
      ),
    )}
    <div class="rubric" data-prefix="${prefix}">
      ${rows.map((r, n) => rubricRow(prefix, n, r, regulations))}
    </div>
    <p class="muted">
      评分要点按“顺序”排列；勾选“删除此要点”去掉一条；在空白的“新增评分要点”中填写即可增加一条。分值为0.5的倍数，依据的条款按法规目录核对。
    </p>`;
}

/** The editor's fields for a written question's key. */
export function writtenKeyFields(
  type: 'short-answer' | 'case',
  answer: unknown,
  regulations: RegulationResponse[],
): SafeHtml {
  if (type === 'short-answer')
    return html`<fieldset>
      <legend>参考答案与评分要点</legend>
      ${writtenFields('', answer as WrittenKey, regulations)}
    </fieldset>`;
  return html`${(answer as CaseKey).questions.map(
    (q, i) =>
      html`<fieldset class="sub-question">
        <legend>
          第${i + 1}小题 ·
          ${QUESTION_TYPE_LABELS[q.type]}${q.type === 'short-answer' ? '' : ` · ${q.points} 分`}
        </legend>
        ${field(
          `e-s${i}-stem`,
          '小题题干',
          textarea({ id: `e-s${i}-stem`, name: `s${i}_stem`, rows: 2, required: true }, q.stem),
        )}
        ${q.type === 'short-answer'
          ? writtenFields(`s${i}_`, q.answer as WrittenKey, regulations)
          : html`<p class="muted">
              选项：${q.options.map((o) => `${o.key}. ${o.text}`).join('　') ||
              '无'}（选项和答案不在此修改，保持不变）
            </p>`}
      </fieldset>`,
  )}`;
}
