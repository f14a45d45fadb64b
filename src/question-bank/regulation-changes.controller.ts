import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiUpload } from '../common/openapi';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { CurrentUser, Roles } from '../common/decorators';
import { ACCESS, type AuthUser } from '../common/roles';
import { readUpload } from '../common/upload';
import { RepealDto } from '../curriculum/dto/regulation.dto';
import { RegulationChangesService } from './regulation-changes.service';

@ApiTags('regulations')
@ApiBearerAuth()
@Roles(...ACCESS.trainers)
@Controller('regulations')
export class RegulationChangesController {
  constructor(
    private readonly changes: RegulationChangesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 改: multipart `file` (.txt/.md/.docx) + label, adoptedOn, effectiveOn, excerpt, note, dryRun. */
  @Post(':code/versions')
  @ApiUpload('条文文本（.txt .md .docx）', {
    label: { type: 'string', maxLength: 100, description: '版本名称', example: '2026年修正' },
    adoptedOn: { type: 'string', format: 'date', example: '2026-06-28' },
    effectiveOn: { type: 'string', format: 'date', example: '2026-10-01' },
    note: { type: 'string', maxLength: 2000 },
    excerpt: { type: 'string', enum: ['true', 'false'], description: '节选（只含部分条文）' },
    dryRun: { type: 'string', enum: ['true', 'false'], description: 'true：只预览条文变化，不保存' },
  })
  async addVersion(@CurrentUser() user: AuthUser, @Param('code') code: string, @Req() req: unknown) {
    return this.changes.addVersion(user, code, await readUpload(req, this.config.maxUploadBytes));
  }

  /** 废: { repealedOn, replacedBy?, note? }; every question of the document is flagged for review. */
  @Post(':code/repeal')
  @HttpCode(200)
  repeal(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body() dto: RepealDto) {
    return this.changes.repeal(user, code, dto);
  }
}
