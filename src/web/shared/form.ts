import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { createValidationPipe } from '../../common/validation';
import { CSRF_FIELD } from './csrf';
import { html, raw, SafeHtml, escapeHtml } from './html';
import type { PageRequest } from './page';

// ---------- form posts → DTOs ----------

/** A urlencoded form as Fastify parses it: a repeated field is an array. */
export type FormFields = Record<string, string | string[] | undefined>;

export type FormMapper = (form: FormFields, req: PageRequest) => object;

/**
 * A form post as the DTO of the API route that does the same thing. `map` turns the posted fields into the DTO's
 * plain shape (numbers, arrays, nested objects); the global ValidationPipe then validates and transforms it
 * exactly as it does the API's JSON body (same rules, same Chinese messages). The CSRF field is left out.
 *
 *   create(@CurrentUser() user: AuthUser, @Form(examFromForm) dto: CreateExamDto) { … }
 */
export const Form = createParamDecorator((map: FormMapper | undefined, ctx: ExecutionContext) => {
  const req = ctx.switchToHttp().getRequest<PageRequest>();
  const { [CSRF_FIELD]: _csrf, ...fields } = (req.body ?? {}) as FormFields;
  return map ? map(fields, req) : fields;
});

/** The first value of a field, trimmed ('' when absent). */
export const one = (v: string | string[] | undefined): string =>
  (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

/** Every value of a field. */
export const many = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);

/** Whole numbers from checkboxes, a multiple select or a typed list ("5, 6"). */
export const ids = (v: string | string[] | undefined): number[] =>
  many(v)
    .flatMap((x) => x.split(/[\s,，、]+/))
    .filter((x) => /^\d+$/.test(x))
    .map(Number);

/** A number field: a number when filled in (the pipe refuses a non-number), left out when empty. */
export const numberOf = (v: string | string[] | undefined): number | undefined =>
  one(v) === '' ? undefined : Number(one(v));

/** Only the keys whose value is set: an empty optional field is not sent. */
export function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

/** `datetime-local` values are China Standard Time. */
export const cstToIso = (v: string): string | undefined =>
  v ? new Date(`${v}:00+08:00`).toISOString() : undefined;

/** An ISO time as a `datetime-local` value in China Standard Time. */
export const cstLocal = (iso: string | Date | null | undefined): string =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16) : '';

// ---------- form markup ----------

type Attr = string | number | boolean | null | undefined;

/** Attributes in the order given; `true` is a bare attribute, false/null/undefined leave it out. */
export function attrs(a: Record<string, Attr>): SafeHtml {
  return raw(
    Object.entries(a)
      .filter(([, v]) => v !== false && v !== null && v !== undefined)
      .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escapeHtml(v)}"`))
      .join(''),
  );
}

export const csrfField = (csrf: string | undefined): SafeHtml =>
  html`<input type="hidden" name="_csrf" value="${csrf ?? ''}" />`;

export const hidden = (name: string, value: Attr): SafeHtml =>
  html`<input type="hidden" name="${name}" value="${value ?? ''}" />`;

export const input = (a: Record<string, Attr>): SafeHtml => html`<input${attrs(a)} />`;

export const textarea = (a: Record<string, Attr>, value: Attr): SafeHtml =>
  html`<textarea${attrs(a)}>${value ?? ''}</textarea>`;

export interface Choice {
  value: string | number;
  label: string | SafeHtml;
  selected?: boolean;
}

export const select = (a: Record<string, Attr>, choices: Choice[]): SafeHtml =>
  html`<select${attrs(a)}>
    ${choices.map(
      (c) => html`<option value="${c.value}" ${c.selected ? 'selected' : ''}>${c.label}</option>`,
    )}
  </select>`;

/** A labelled control: `<div class="field"><label for=…>…</label>…</div>`. */
export const field = (id: string, label: string | SafeHtml, control: SafeHtml, help?: SafeHtml): SafeHtml =>
  html`<div class="field"><label for="${id}">${label}</label>${control}${help ?? ''}</div>`;

/** A checkbox with its label after it. */
export const checkboxField = (id: string, name: string, label: string, checked = false, value = '1') =>
  html`<div class="field checkbox">
    ${input({ id, name, type: 'checkbox', value, checked })}<label for="${id}">${label}</label>
  </div>`;

/** Checkboxes of one field, each inside its own label, in a labelled group. */
export function checkboxGroup(o: { id: string; label: string; name: string; choices: Choice[] }): SafeHtml {
  return html`<div class="field">
    <span id="${o.id}">${o.label}</span>
    <div role="group" aria-labelledby="${o.id}">
      ${o.choices.map(
        (c) =>
          html`<label class="checkbox"
            >${input({ type: 'checkbox', name: o.name, value: c.value, checked: c.selected })}
            ${c.label}</label
          > `,
      )}
    </div>
  </div>`;
}

/** A POST form with the CSRF field; `content` is its fields and buttons. */
export const postForm = (action: string, csrf: string | undefined, content: SafeHtml, className?: string) =>
  html`<form method="post" action="${action}" ${attrs({ class: className })}>
    ${csrfField(csrf)}${content}
  </form>`;

/** A one-button POST form (approve, publish, reset …). */
export const postButton = (
  action: string,
  csrf: string | undefined,
  label: string,
  o: { primary?: boolean; small?: boolean } = {},
) =>
  postForm(
    action,
    csrf,
    html`<button type="submit" ${attrs({ class: o.primary ? 'primary' : o.small ? 'small' : undefined })}>
      ${label}
    </button>`,
  );

export const submitButton = (label: string) =>
  html`<div class="actions"><button type="submit" class="primary">${label}</button></div>`;

/** 上一页 · 第 n / m 页 · 下一页 */
export function pager(page: number, pages: number, href: (page: number) => string): SafeHtml {
  return html`<nav class="pager" aria-label="分页">
    ${page > 1 ? html`<a href="${href(page - 1)}">上一页</a>` : ''}
    <span>第 ${page} / ${pages} 页</span>
    ${page < pages ? html`<a href="${href(page + 1)}">下一页</a>` : ''}
  </nav>`;
}

/**
 * Checks a DTO built by a page (a list's query, a form completed from stored data) with the ValidationPipe the
 * API uses: the same rules and Chinese messages, a 400 the page filter shows.
 */
const pipe = createValidationPipe();
export function validated<T extends object>(dto: new () => T, plain: object): Promise<T> {
  return pipe.transform(plain, { type: 'body', metatype: dto }) as Promise<T>;
}

// ---------- desk: checkbox lists with search, confirmation steps ----------

export interface CheckChoice extends Choice {
  /** Indent (units of a tree). */
  depth?: number;
  /** Extra words the search matches (a unit's parents, a person's staff number). */
  keywords?: string;
}

/**
 * A list of checkboxes in a labelled fieldset instead of a Ctrl-click list box; a long list (more than `searchFrom`
 * entries) gets a search box that hides the entries that do not match (builder.js; without script every entry
 * stays visible). Every checkbox sits inside its own label.
 */
export function checkList(o: {
  id: string;
  legend: string | SafeHtml;
  name: string;
  choices: CheckChoice[];
  searchFrom?: number;
  hint?: string;
}): SafeHtml {
  const search = o.choices.length > (o.searchFrom ?? 8);
  const chosen = o.choices.filter((c) => c.selected).length;
  return html`<fieldset class="check-list" id="${o.id}">
    <legend>${o.legend}</legend>
    ${o.hint ? html`<p class="muted">${o.hint}</p>` : ''}
    ${search
      ? html`<div class="check-search">
          <label for="${o.id}-q">查找</label>
          ${input({ id: `${o.id}-q`, type: 'search', 'data-filter': o.id, autocomplete: 'off' })}
          <span class="muted" data-count="${o.id}">已选 ${chosen} 项</span>
        </div>`
      : ''}
    <div class="check-box" role="group" aria-label="${typeof o.legend === 'string' ? o.legend : o.id}">
      ${o.choices.length === 0 ? html`<p class="muted">（无可选项）</p>` : ''}
      ${o.choices.map(
        (c) =>
          html`<label
            class="checkbox"
            ${attrs({
              'data-text': `${typeof c.label === 'string' ? c.label : ''} ${c.keywords ?? ''}`.trim(),
              style: c.depth ? `padding-left:${c.depth * 1.25}rem` : undefined,
            })}
            >${input({ type: 'checkbox', name: o.name, value: c.value, checked: c.selected })}
            ${c.label}</label
          >`,
      )}
    </div>
  </fieldset>`;
}

/** Whether a form post carries the answer of a confirmation page (`confirm=1`). */
export const confirmed = (req: { body?: unknown }): boolean =>
  one(((req.body ?? {}) as FormFields).confirm) === '1';

/**
 * The confirmation step of a one-button action (publish, disable, reset a password): the same POST again with
 * `confirm=1`, or back to where the person came from. Works without script.
 */
export function confirmForm(o: {
  action: string;
  csrf: string | undefined;
  question: string;
  detail?: SafeHtml | string;
  yes: string;
  cancelHref: string;
  hidden?: Record<string, string | number>;
}): SafeHtml {
  return html`<section class="confirm" aria-labelledby="confirm-h">
    <h1 id="confirm-h">${o.question}</h1>
    ${o.detail ? html`<div class="confirm-detail">${o.detail}</div>` : ''}
    ${postForm(
      o.action,
      o.csrf,
      html`${hidden('confirm', '1')}${Object.entries(o.hidden ?? {}).map(([k, v]) => hidden(k, v))}
        <div class="actions">
          <button type="submit" class="primary">${o.yes}</button>
          <a class="button" href="${o.cancelHref}">取消</a>
        </div>`,
    )}
  </section>`;
}
