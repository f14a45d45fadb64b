/** Response shapes every feature shares: a problem at a place in an imported file, and the error body. */

/** One problem of an imported file or a request: where (line, or row and column, or field) and what. */
export class ImportIssueResponse {
  /** Text formats. @example 12 */
  line?: number;
  /** Spreadsheets: 1-based, the header is row 1. @example 4 */
  row?: number;
  /** @example C */
  column?: string;
  /** @example 单位 */
  field?: string;
  /** @example 单位“不存在的科”不存在 */
  message: string;
}

/** Every error: `{ statusCode, error, message, details? }`. */
export class ErrorResponse {
  /** @example 422 */
  statusCode: number;
  /** @example Unprocessable Entity */
  error: string;
  /** In Chinese, for the person. @example 花名册.csv：发现 2 处错误，未导入任何数据 */
  message: string;
  details?: ImportIssueResponse[];
}
