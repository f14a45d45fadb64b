import { importOptions } from '../common/imports';
import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { attachment, download, type DownloadReply } from '../common/download';
import { ApiFile, ApiUpload, XLSX } from '../common/openapi';
import { BankImportResponse } from './regulation-change.response';
import { Inject } from '@nestjs/common';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { CurrentUser, Roles } from '../common/decorators';
import { AppError } from '../common/errors';
import { ACCESS, type AuthUser } from '../common/roles';
import { readUpload } from '../common/upload';
import { CreateBankDto, EditQuestionDto, FlagDto, ListQuestionsQuery } from './dto/question.dto';
import { buildTemplateXlsx } from './parsers';
import { QuestionBankService } from './question-bank.service';
import { QuestionsService } from './questions.service';

@ApiTags('question-banks')
@ApiBearerAuth()
@Roles(...ACCESS.trainers)
@Controller()
export class QuestionBankController {
  constructor(
    private readonly importer: QuestionBankService,
    private readonly questions: QuestionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('question-banks')
  listBanks() {
    return this.questions.listBanks();
  }

  @Post('question-banks')
  createBank(@CurrentUser() user: AuthUser, @Body() dto: CreateBankDto) {
    return this.questions.createBank(user, dto);
  }

  @ApiFile(XLSX, '题库导入模板')
  @Get('question-banks/template.xlsx')
  @Header('Content-Type', XLSX)
  @Header('Content-Disposition', attachment('题库导入模板.xlsx'))
  async template() {
    return new StreamableFile(await buildTemplateXlsx());
  }

  /**
   * Dry run by default (with a `preview` of the questions read, 500 at a time from `previewFrom`); `mode=all` writes nothing when any question is
   * wrong (422). Imported questions are drafts for the review queue unless `approve=true`.
   */
  @Post('question-banks/import')
  @HttpCode(200)
  @ApiUpload('题库文件：.yaml .json .xlsx .csv .txt .docx，GIFT 或 Aiken', {
    bankId: { type: 'integer', minimum: 1, description: '导入到的题库（也可在查询参数中）', example: 1 },
  })
  @ApiOkResponse({ type: BankImportResponse })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'mode', required: false, enum: ['all', 'valid'] })
  @ApiQuery({ name: 'bankId', required: false })
  @ApiQuery({
    name: 'previewFrom',
    required: false,
    description: '试导入预览从第几道题开始（每次最多 500 道，默认 1）',
  })
  @ApiQuery({
    name: 'approve',
    required: false,
    enum: ['true', 'false'],
    description:
      'true：导入即审核通过（题目采用文件中的状态，未写明的为已审核）；默认导入为草稿，进入审核队列',
  })
  async import(
    @CurrentUser() user: AuthUser,
    @Req() req: unknown,
    @Query('dryRun') dryRun?: string,
    @Query('mode') mode?: string,
    @Query('bankId') bankId?: string,
    @Query('approve') approve?: string,
    @Query('previewFrom') previewFrom?: string,
  ) {
    const upload = await readUpload(req, this.config.maxUploadBytes);
    const raw = bankId ?? upload.fields.bankId;
    const id = raw !== undefined && raw !== '' ? Number(raw) : undefined;
    if (id !== undefined && !(Number.isSafeInteger(id) && id >= 1))
      throw AppError.badRequest('题库编号（bankId）应为正整数', [{ field: 'bankId', message: '应为正整数' }]);
    const approval = approve ?? upload.fields.approve;
    if (approval !== undefined && approval !== '' && approval !== 'true' && approval !== 'false')
      throw AppError.badRequest('approve 应为 true 或 false', [
        { field: 'approve', message: '应为 true 或 false' },
      ]);
    const from = previewFrom !== undefined && previewFrom !== '' ? Number(previewFrom) : undefined;
    if (from !== undefined && !(Number.isSafeInteger(from) && from >= 1))
      throw AppError.badRequest('预览起点（previewFrom）应为正整数', [
        { field: 'previewFrom', message: '应为正整数' },
      ]);
    return this.importer.importUpload(user.id, upload, {
      bankId: id,
      previewFrom: from,
      approve: approval === 'true',
      ...importOptions(dryRun ?? upload.fields.dryRun, mode ?? upload.fields.mode),
    });
  }

  @ApiFile('application/yaml', '题库导出（YAML，可再导入）')
  @Get('question-banks/:id/export.yaml')
  async exportYaml(@Param('id', ParseIntPipe) id: number, @Res({ passthrough: true }) reply: DownloadReply) {
    return download(reply, 'application/yaml; charset=utf-8', await this.questions.exportYaml(id));
  }

  @ApiFile(XLSX, '题库导出（Excel，可再导入）')
  @Get('question-banks/:id/export.xlsx')
  async exportXlsx(@Param('id', ParseIntPipe) id: number, @Res({ passthrough: true }) reply: DownloadReply) {
    return download(reply, XLSX, await this.questions.exportXlsx(id));
  }

  @ApiFile('text/plain', '题库导出（编号文本格式，可再导入；无法原样写出的题目返回422）')
  @Get('question-banks/:id/export.txt')
  async exportText(@Param('id', ParseIntPipe) id: number, @Res({ passthrough: true }) reply: DownloadReply) {
    return download(reply, 'text/plain; charset=utf-8', await this.questions.exportText(id));
  }

  @Get('questions')
  list(@Query() query: ListQuestionsQuery) {
    return this.questions.list(query);
  }

  @Get('questions/:id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.questions.get(id);
  }

  @Get('questions/:id/revisions')
  revisions(@Param('id', ParseIntPipe) id: number) {
    return this.questions.revisionsOf(id);
  }

  @Patch('questions/:id')
  edit(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() dto: EditQuestionDto) {
    return this.questions.edit(user, id, dto);
  }

  @HttpCode(200)
  @Post('questions/:id/approve')
  approve(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.questions.setStatus(user, id, 'approved');
  }

  @HttpCode(200)
  @Post('questions/:id/retire')
  retire(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.questions.setStatus(user, id, 'retired');
  }

  @HttpCode(200)
  @Post('questions/:id/flag')
  flag(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() dto: FlagDto) {
    return this.questions.flag(user, id, dto.needsReview, dto.reason);
  }
}
