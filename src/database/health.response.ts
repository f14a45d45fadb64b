import { ApiEnum } from '../common/openapi';

export class DatabaseHealthResponse {
  /** @example better-sqlite3 */
  type: string;
  /** @example true */
  reachable: boolean;
}

export class HealthResponse {
  /** @example ok */
  @ApiEnum(['ok'])
  status: 'ok';
  database: DatabaseHealthResponse;
}
