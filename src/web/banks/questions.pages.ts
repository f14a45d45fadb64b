/** Questions: the filtered list (and the review queue), one question's edit form and its actions. */
import type { RegulationResponse } from '../../curriculum/regulation.response';
import type { EditQuestionDto } from '../../question-bank/dto/question.dto';
import type { QuestionListResponse, QuestionResponse } from '../../question-bank/question.response';
import { QUESTION_TYPE_LABELS, isWrittenType, type QuestionStatus } from '../../question-bank/question.types';
import {
  defined,
  field,
  hidden,
  input,
  numberOf,
  one,
  pager,
  postButton,
  postForm,
  select,
  submitButton,
  textarea,
  type FormFields,
} from '../shared/form';
import { html, type SafeHtml } from '../shared/html';
import { table } from '../shared/table';
import { writtenKeyFields, writtenKeyFromForm } from './written-form';

export const STATUS_LABELS: Record<QuestionStatus, string> = {
  approved: '已审核',
  draft: '草稿',
  retired: '已停用',
};

/** The list's filters, as they stand in the address. */
export interface QuestionFilters {
  bankId?: string;
  status?: string;
  q?: string;
}

const reviewTag = (x: QuestionResponse) =>
  html`<span class="tag warn">待复核${x.reviewReason ? `：${x.reviewReason}` : ''}</span>`;

export function questionsPage(
  title: string,
  list: QuestionListResponse,
  filters: QuestionFilters,
  banks: { id: number; title: string }[] | null,
): SafeHtml {
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const href = (page: number) =>
    `?${new URLSearchParams({ ...defined(filters), page: String(page) }).toString()}`;
  return html`<h1>${title}</h1>
    ${banks
      ? html`<form method="get" class="inline-form" role="search" aria-label="筛选题目">
          <label for="f-bank">题库</label>
          ${select({ id: 'f-bank', name: 'bankId' }, [
            { value: '', label: '全部' },
            ...banks.map((b) => ({ value: b.id, label: b.title, selected: filters.bankId === String(b.id) })),
          ])}
          <label for="f-status">状态</label>
          ${select({ id: 'f-status', name: 'status' }, [
            { value: '', label: '全部' },
            ...Object.entries(STATUS_LABELS).map(([value, label]) => ({
              value,
              label,
              selected: filters.status === value,
            })),
          ])}
          <label for="f-q">题干</label>
          ${input({ id: 'f-q', name: 'q', value: filters.q ?? '' })}
          <button type="submit">筛选</button>
        </form>`
      : ''}
    <p class="muted">共 ${list.total} 题</p>
    ${table(list.items, [
      { head: '编号', cell: (x) => x.id },
      { head: '题型', cell: (x) => QUESTION_TYPE_LABELS[x.type] },
      {
        head: '题干',
        cell: (x) =>
          html`<a href="/app/questions/${x.id}">${x.stem}</a>${x.needsReview ? html` ${reviewTag(x)}` : ''}`,
      },
      { head: '出处', cell: (x) => `${x.regulation?.title ?? ''}${x.article ? ` 第${x.article}条` : ''}` },
      { head: '状态', cell: (x) => STATUS_LABELS[x.status] },
    ])}
    ${pager(list.page, pages, href)}`;
}

/** The key as the trainer types it: B, ACD, 对/错, 答案一；答案二 (alternatives with |); written keys have their own fields. */
const answerText = (x: QuestionResponse): string => {
  if (x.type === 'true-false') return x.answer === true ? '对' : '错';
  if (x.type === 'fill-blank' && Array.isArray(x.answer))
    return (x.answer as unknown[]).map((a) => (Array.isArray(a) ? a.join('|') : String(a))).join('；');
  return Array.isArray(x.answer) ? (x.answer as string[]).join('') : String(x.answer ?? '');
};

/** The typed key as the API takes it, by question type. */
export function parseAnswer(type: QuestionResponse['type'], text: string): unknown {
  if (type === 'true-false') return ['对', '正确', 'true', '√', 'T'].includes(text);
  if (type === 'multiple')
    return text
      .toUpperCase()
      .replace(/[^A-H]/g, '')
      .split('');
  if (type === 'fill-blank')
    return text.split(/[；;]/).map((b) =>
      b
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  return text.toUpperCase().trim();
}

/**
 * The edit form as EditQuestionDto: the options typed in (a blank one keeps its text) and the key still as
 * typed; completeEdit turns both into the question's own shapes.
 */
export function questionFromForm(form: FormFields): EditQuestionDto {
  const options = Object.keys(form)
    .filter((k) => /^option_[A-H]$/.test(k) && one(form[k]))
    .map((k) => ({ key: k.slice(7), text: one(form[k]) }));
  const regulation = one(form.citationRegulation);
  // A written question's key comes as its own fields (written-form.ts), not as the typed 答案.
  const written = writtenKeyFromForm(form);
  return {
    stem: one(form.stem),
    ...(written !== undefined ? { answer: written } : {}),
    explanation: one(form.explanation),
    ...(options.length ? { options } : {}),
    // A citation names an article (条); without one the question keeps its citation.
    ...(regulation && numberOf(form.citationArticle) !== undefined
      ? { citation: { regulation, article: numberOf(form.citationArticle) as number } }
      : {}),
    ...defined({ answer: one(form.answer), difficulty: numberOf(form.difficulty) }),
  };
}

/** Every current option with its new text where one was typed, and the key parsed for the question's type. */
export function completeEdit(dto: EditQuestionDto, current: QuestionResponse): EditQuestionDto {
  const typed = new Map((dto.options ?? []).map((o) => [o.key, o.text]));
  // The citation goes with the edit only when the trainer changed it (an unchanged one is not checked again).
  const c = dto.citation;
  const sameCitation =
    c &&
    c.regulation === current.regulation?.title &&
    (c.article === undefined || c.article === current.article);
  return {
    ...dto,
    citation: sameCitation ? undefined : c,
    options: current.options.length
      ? current.options.map((o) => ({ key: o.key, text: typed.get(o.key) ?? o.text }))
      : undefined,
    // A written question's key (reference answer, rubric, sub-questions) as its fields gave it; another's as typed.
    answer: isWrittenType(current.type)
      ? typeof dto.answer === 'object' && dto.answer !== null
        ? dto.answer
        : undefined
      : typeof dto.answer === 'string'
        ? parseAnswer(current.type, dto.answer)
        : undefined,
  };
}

export function questionEditPage(
  x: QuestionResponse,
  csrf: string | undefined,
  regulations: RegulationResponse[] = [],
): SafeHtml {
  return html`<h1>编辑题目 #${x.id}</h1>
    <p class="muted">
      ${QUESTION_TYPE_LABELS[x.type]} · ${STATUS_LABELS[x.status]} · 第 ${x.revision} 版
      ${x.needsReview ? html` · ${reviewTag(x)}` : ''}
    </p>
    ${postForm(
      `/app/questions/${x.id}`,
      csrf,
      html`${field(
          'e-stem',
          x.type === 'case' ? '案例材料（题干）' : '题干',
          textarea({ id: 'e-stem', name: 'stem', rows: x.type === 'case' ? 8 : 3, required: true }, x.stem),
        )}
        ${x.options.map((o) =>
          field(
            `e-opt-${o.key}`,
            `选项 ${o.key}`,
            input({ id: `e-opt-${o.key}`, name: `option_${o.key}`, value: o.text }),
          ),
        )}
        ${isWrittenType(x.type)
          ? writtenKeyFields(x.type, x.answer, regulations)
          : field(
              'e-answer',
              '答案',
              input({
                id: 'e-answer',
                name: 'answer',
                value: answerText(x),
                'aria-describedby': 'e-answer-help',
              }),
              html`<small id="e-answer-help"
                >单选 B；多选 ACD；判断 对/错；填空 答案一；答案二（同义用 | 分隔）</small
              >`,
            )}
        ${field('e-expl', '解析', textarea({ id: 'e-expl', name: 'explanation', rows: 3 }, x.explanation))}
        <fieldset>
          <legend>出处（法规与条款）</legend>
          <div class="grid2">
            ${field(
              'e-reg',
              '法规',
              select({ id: 'e-reg', name: 'citationRegulation' }, [
                { value: '', label: x.regulation ? '（不修改）' : '（未引用）', selected: !x.regulation },
                ...regulations.map((r) => ({
                  value: r.title,
                  label: `${r.title}${r.status === 'repealed' ? '（已废止）' : ''}`,
                  selected: r.id === x.regulation?.id,
                })),
              ]),
            )}
            ${field(
              'e-art',
              '条（第几条）',
              input({
                id: 'e-art',
                name: 'citationArticle',
                type: 'number',
                min: 1,
                value: x.article ?? '',
                'aria-describedby': 'e-art-help',
              }),
              html`<small id="e-art-help"
                >条号按法规目录的条文核对；条文为节选时，不超过全文条数的条号可保存，并提示未核对</small
              >`,
            )}
          </div>
        </fieldset>
        ${field(
          'e-diff',
          '难度（1–5）',
          input({
            id: 'e-diff',
            name: 'difficulty',
            type: 'number',
            min: 1,
            max: 5,
            value: x.difficulty ?? '',
          }),
        )}
        ${submitButton('保存为新版本')}`,
      'stacked',
    )}
    <div class="actions">
      ${x.status !== 'approved' ? postButton(`/app/questions/${x.id}/approve`, csrf, '审核通过') : ''}
      ${x.status !== 'retired' ? postButton(`/app/questions/${x.id}/retire`, csrf, '停用') : ''}
      ${postForm(
        `/app/questions/${x.id}/flag`,
        csrf,
        html`${hidden('needsReview', x.needsReview ? 'false' : 'true')}
          ${x.needsReview
            ? ''
            : html`<label for="flag-reason">复核原因</label>${input({ id: 'flag-reason', name: 'reason' })}`}
          <button type="submit">${x.needsReview ? '复核完成，取消标记' : '标记待复核'}</button>`,
        'inline-form',
      )}
    </div>`;
}
