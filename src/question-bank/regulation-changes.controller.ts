import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
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
  @ApiConsumes('multipart/form-data')
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
