import { html, type SafeHtml } from './html';

type Cell = SafeHtml | string | number | null | undefined;

export interface Column<T> {
  /** The column heading (`<th scope="col">`). */
  head: string;
  cell: (row: T) => Cell;
  /** The row's heading cell (`<th scope="row">`) instead of `<td>`. */
  rowHeader?: boolean;
  /** Attributes of the cell, e.g. a class. */
  className?: string;
}

export interface TableOptions<T> {
  id?: string;
  caption?: Cell;
  /** `table compact` and the like. */
  className?: string;
  /** One row spanning the table when there are no rows. */
  empty?: Cell;
  /** Attributes of a row's heading cell (e.g. an indent). */
  rowHeaderStyle?: (row: T) => string | undefined;
  /** Without the scrolling wrapper. */
  bare?: boolean;
}

/** A data table: headings, one row per item, an optional caption and an empty-state row. */
export function table<T>(rows: readonly T[], columns: Column<T>[], o: TableOptions<T> = {}): SafeHtml {
  const t = html`<table class="${o.className ?? 'table'}" ${o.id !== undefined ? html`id="${o.id}"` : ''}>
    ${o.caption !== undefined
      ? html`<caption>
          ${o.caption}
        </caption>`
      : ''}
    <thead>
      <tr>
        ${columns.map((c) => html`<th scope="col">${c.head}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.length === 0 && o.empty !== undefined
        ? html`<tr>
            <td colspan="${columns.length}">${o.empty}</td>
          </tr>`
        : rows.map(
            (r) =>
              html`<tr>
                ${columns.map((c) =>
                  c.rowHeader
                    ? html`<th
                        scope="row"
                        ${o.rowHeaderStyle?.(r) ? html`style="${o.rowHeaderStyle(r)}"` : ''}
                      >
                        ${c.cell(r)}
                      </th>`
                    : html`<td ${c.className ? html`class="${c.className}"` : ''}>${c.cell(r)}</td>`,
                )}
              </tr>`,
          )}
    </tbody>
  </table>`;
  return o.bare ? t : html`<div class="table-wrap">${t}</div>`;
}
