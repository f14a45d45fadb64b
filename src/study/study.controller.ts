import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CURRICULA } from '../common/business-lines';
import { CurrentUser, Roles } from '../common/decorators';
import { AppError } from '../common/errors';
import { ACCESS, type AuthUser } from '../common/roles';
import { toXlsx } from '../common/sheet';
import {
  CreateCampaignDto,
  CreateGroupStudyDto,
  CreateMaterialDto,
  HeartbeatDto,
  SearchQuery,
  UpdateMaterialDto,
} from './dto/study.dto';
import { download, type DownloadReply } from '../common/download';
import { ApiFile, XLSX } from '../common/openapi';
import type { CompilationResponse } from './material.response';
import { MaterialsService } from './materials.service';
import { StudyService } from './study.service';

function asOfParam(asOf?: string): string | undefined {
  if (asOf === undefined || asOf === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
    throw AppError.badRequest('asOf 应为 YYYY-MM-DD', [{ field: 'asOf', message: '应为 YYYY-MM-DD' }]);
  return asOf;
}
function curriculumParam(c?: string): string | undefined {
  if (c === undefined || c === '') return undefined;
  if (!(CURRICULA as readonly string[]).includes(c))
    throw AppError.badRequest(`curriculum 应为 ${CURRICULA.join(' / ')}`, [
      { field: 'curriculum', message: '无效' },
    ]);
  return c;
}

@ApiTags('materials')
@ApiBearerAuth()
@Controller('materials')
export class MaterialsController {
  constructor(private readonly materials: MaterialsService) {}

  @Get()
  overview(@CurrentUser() user: AuthUser) {
    return this.materials.overviewFor(user);
  }

  @Get('search')
  search(@Query() q: SearchQuery) {
    return this.materials.search(q.q, q.limit ?? 20, q.offset ?? 0);
  }

  @Get('compilation')
  @ApiQuery({ name: 'curriculum', required: false })
  @ApiQuery({ name: 'asOf', required: false })
  async compilation(
    @Query('curriculum') curriculum?: string,
    @Query('asOf') asOf?: string,
  ): Promise<CompilationResponse> {
    const c = await this.materials.compilation(asOfParam(asOf), curriculumParam(curriculum));
    return { ...c, count: c.documents.length };
  }

  @ApiFile('text/html', '政策法规文件选编（可打印）')
  @Get('compilation.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  compilationHtml(@Query('curriculum') curriculum?: string, @Query('asOf') asOf?: string) {
    return this.materials.compilationHtml(asOfParam(asOf), curriculumParam(curriculum));
  }

  @ApiFile(XLSX, '政策法规文件选编目录（Excel）')
  @Get('compilation.xlsx')
  async compilationXlsx(
    @Res({ passthrough: true }) reply: DownloadReply,
    @Query('curriculum') curriculum?: string,
    @Query('asOf') asOf?: string,
  ) {
    const idx = await this.materials.compilationIndex(asOfParam(asOf), curriculumParam(curriculum));
    reply.header('X-Document-Count', String(idx.count));
    return download(reply, XLSX, {
      fileName: `${idx.title}（${idx.asOf}）目录.xlsx`,
      body: await toXlsx('目录', idx.headers, idx.rows),
    });
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.materials.get(id);
  }

  @Post()
  @Roles(...ACCESS.trainers)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateMaterialDto) {
    return this.materials.create(user, dto);
  }

  @Patch(':id')
  @Roles(...ACCESS.trainers)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: UpdateMaterialDto,
  ) {
    return this.materials.update(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...ACCESS.trainers)
  async remove(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    await this.materials.remove(user, id);
  }
}

@ApiTags('study')
@ApiBearerAuth()
@Controller()
export class StudyController {
  constructor(private readonly study: StudyService) {}

  @Post('study/heartbeat')
  @HttpCode(200)
  heartbeat(@CurrentUser() user: AuthUser, @Body() dto: HeartbeatDto) {
    return this.study.heartbeat(user, dto);
  }

  @Get('study/progress')
  @ApiQuery({ name: 'userId', required: false })
  @ApiQuery({ name: 'year', required: false })
  progress(@CurrentUser() user: AuthUser, @Query('userId') userId?: string, @Query('year') year?: string) {
    const id = userId ? Number(userId) : undefined;
    const y = year ? Number(year) : undefined;
    if (
      (id !== undefined && !Number.isSafeInteger(id)) ||
      (y !== undefined && !(Number.isInteger(y) && y > 1999 && y < 3000))
    )
      throw AppError.badRequest('userId / year 无效');
    return this.study.progress(user, { userId: id, year: y });
  }

  @Get('campaigns')
  listCampaigns(@CurrentUser() user: AuthUser) {
    return this.study.listCampaigns(user);
  }

  @Post('campaigns')
  @Roles(...ACCESS.trainers)
  createCampaign(@CurrentUser() user: AuthUser, @Body() dto: CreateCampaignDto) {
    return this.study.createCampaign(user, dto);
  }

  /** Its audience, trainers and admins, and managers whose units are in its audience; 404 for anyone else. */
  @Get('campaigns/:id')
  getCampaign(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.study.getCampaign(user, id);
  }

  @Get('campaigns/:id/completion')
  @Roles(...ACCESS.studyOverseers)
  completion(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.study.completion(user, id);
  }

  /** Managers see the sessions their units attended. */
  @Get('group-studies')
  @Roles(...ACCESS.studyOverseers)
  listGroupStudies(@CurrentUser() user: AuthUser) {
    return this.study.listGroupStudies(user);
  }

  @Post('group-studies')
  @Roles(...ACCESS.trainers)
  recordGroupStudy(@CurrentUser() user: AuthUser, @Body() dto: CreateGroupStudyDto) {
    return this.study.recordGroupStudy(user, dto);
  }
}
