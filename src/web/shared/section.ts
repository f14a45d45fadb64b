import { Logger } from '@nestjs/common';
import { toErrorBody } from '../../common/http-exception.filter';
import { html, type SafeHtml } from './html';
import { errorText } from './page';

/** A part of a page that loads on its own: its data, or the message of the error that stopped it. */
export type Loaded<T> = { ok: true; value: T } | { ok: false; message: string };

const logger = new Logger('Page');

/**
 * Runs one service call of a page with several parts (home, dashboard): a failure becomes that part's message,
 * never an empty list or a 0, and the rest of the page still shows.
 */
export async function load<T>(work: Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, value: await work };
  } catch (e) {
    const body = toErrorBody(e);
    if (body.statusCode >= 500) logger.error(e instanceof Error ? e.stack : String(e));
    return { ok: false, message: errorText(body, '出错了') };
  }
}

/** What a part shows when its data did not load. */
export const unavailable = (what: string, failed: { message: string }): SafeHtml =>
  html`<p class="flash error" role="alert">${what}暂不可用：${failed.message}</p>`;
