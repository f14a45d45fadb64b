import { html, type SafeHtml } from './html';

/**
 * The upload widget of the imports (question banks, roster, law versions): check (dry run) → error table →
 * confirm; upload.js posts the file to the API endpoint.
 */
export function uploadWidget(o: {
  endpoint: string;
  label: string;
  accept: string;
  /** Fields sent with the file. */
  extraFields?: SafeHtml;
  templateHref?: string;
  /** The endpoint takes dryRun as a form field (law versions), not in the query. */
  dryRunField?: boolean;
  checkLabel?: string;
  confirmLabel?: string;
}): SafeHtml {
  return html`<form
    class="upload"
    data-endpoint="${o.endpoint}"
    ${o.dryRunField ? html`data-dryrun="field"` : ''}
    enctype="multipart/form-data"
  >
    <div class="field">
      <label for="upload-file">${o.label}</label>
      <input id="upload-file" type="file" name="file" accept="${o.accept}" required />
    </div>
    ${o.extraFields ?? ''}
    <div class="actions">
      <button type="button" class="primary" data-action="check">
        ${o.checkLabel ?? '检查文件（不导入）'}
      </button>
      <button type="button" data-action="confirm" disabled>${o.confirmLabel ?? '确认导入'}</button>
      ${o.templateHref ? html`<a href="${o.templateHref}">下载导入模板</a>` : ''}
    </div>
    <div class="upload-result" aria-live="polite"></div>
  </form>`;
}
