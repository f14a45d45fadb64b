import { ApiProperty } from '@nestjs/swagger';
import { IMPORT_STAGES, type ImportStage } from './import-progress';

/** How far one's own long import has got. */
export class ImportProgressResponse {
  @ApiProperty({ enum: IMPORT_STAGES, example: 'checking', description: '所处阶段' })
  stage: ImportStage;
  /** queued: files ahead of this one. @example 1 */
  ahead?: number;
  /** @example 3000 */
  done?: number;
  /** @example 10000 */
  total?: number;
  /** @example 题 */
  unit?: string;
  /** done / failed: the status the import answered. @example 200 */
  status?: number;
  /** @example 正在检查：3000 / 10000题 */
  label: string;
  /** @example 2026-12-05T09:00:00.000Z */
  updatedAt: string;
}
