import { Controller, Get, Module, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from './decorators';
import { AppError } from './errors';
import { readImportProgress, type ImportStage } from './import-progress';
import type { AuthUser } from './roles';

/** How far one's own long import has got. */
export class ImportProgressResponse {
  /** queued, reading, checking, writing, done or failed. @example checking */
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

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportProgressController {
  /** The progress of an upload sent with `?progressId=` by the person asking (404 for anyone else's). */
  @Get('progress/:id')
  @ApiOkResponse({ type: ImportProgressResponse })
  async progress(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<ImportProgressResponse> {
    const state = await readImportProgress(user.id, id);
    if (!state) throw AppError.notFound('没有这个上传的进度（已过期，或不是您的上传）');
    return state;
  }
}

@Module({ controllers: [ImportProgressController] })
export class ImportProgressModule {}
