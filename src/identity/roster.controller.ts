import { importOptions } from '../common/imports';
import { Controller, Get, Header, Inject, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { attachment } from '../common/download';
import { ApiFile, ApiUpload, XLSX } from '../common/openapi';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { CurrentUser, Roles } from '../common/decorators';
import { ACCESS, type AuthUser } from '../common/roles';
import { readUpload } from '../common/upload';
import { RosterService } from './roster.service';

@ApiTags('roster')
@ApiBearerAuth()
@Roles(...ACCESS.managers)
@Controller('roster')
export class RosterController {
  constructor(
    private readonly roster: RosterService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiFile(XLSX, '花名册导入模板')
  @Get('template.xlsx')
  @Header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('Content-Disposition', attachment('花名册模板.xlsx'))
  async template() {
    return new StreamableFile(await this.roster.template());
  }

  @Post('import')
  @ApiUpload('花名册（.xlsx 或 .csv，UTF-8 或 GBK）')
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'mode', required: false, enum: ['all', 'valid'] })
  async import(
    @CurrentUser() user: AuthUser,
    @Req() req: unknown,
    @Query('dryRun') dryRun?: string,
    @Query('mode') mode?: string,
  ) {
    const upload = await readUpload(req, this.config.maxUploadBytes);
    return this.roster.import(user, upload, importOptions(dryRun, mode));
  }
}
