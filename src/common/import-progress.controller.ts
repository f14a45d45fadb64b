import { Controller, Get, Module, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from './decorators';
import { AppError } from './errors';
import { readImportProgress } from './import-progress';
import { ImportProgressResponse } from './import-progress.response';
import type { AuthUser } from './roles';

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
