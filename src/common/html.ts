/**
 * The one HTML escaper: the `html` tagged template escapes every interpolated value unless it is already `SafeHtml`.
 * Used by the pages (src/web) and by the few HTML documents features render themselves (certificate print page,
 * verification page, compilation, search snippets).
 */
/** Escaped HTML: every value interpolated with the `html` tag is escaped unless it is already `SafeHtml`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

type Value = SafeHtml | string | number | boolean | null | undefined | readonly Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(v);
}

export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Trusted markup (built by this module's own code only). */
export const raw = (s: string): SafeHtml => new SafeHtml(s);

/** JSON for a `<script type="application/json">` block: `<` is escaped so no value can close the tag. */
export const jsonScript = (id: string, data: unknown): SafeHtml =>
  raw(
    `<script type="application/json" id="${escapeHtml(id)}">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`,
  );
