import {
  Body,
  Controller,
  Injectable,
  PipeTransform,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/decorators';
import { ACCESS, type AuthUser } from '../common/roles';
import { createValidationPipe } from '../common/validation';
import { AttemptActionsService } from './attempt-actions.service';
import { AttemptsService } from './attempts.service';
import type { BankHealthResponse } from './bank-health.response';
import type { ExamResponse } from './exam.response';
import {
  CreateExamDto,
  EventDto,
  ExtendDto,
  ItemStatsQuery,
  PracticeAnswerDto,
  PracticeStartDto,
  ReasonDto,
  RepairExamDto,
  plainSaveBody,
  SaveAnswerDto,
  UpdateExamDto,
} from './dto/exam.dto';
import { ExamsService } from './exams.service';
import { ItemStatsService } from './item-stats.service';
import { PracticeService } from './practice.service';

type Reply = { status: (code: number) => Reply };

/** The save-answer body: plainSaveBody, else the ValidationPipe. Typed `unknown` so the global pipe skips it. */
@Injectable()
export class SaveAnswerPipe implements PipeTransform<unknown, SaveAnswerDto | Promise<SaveAnswerDto>> {
  private readonly full = createValidationPipe();

  transform(value: unknown): SaveAnswerDto | Promise<SaveAnswerDto> {
    return (
      plainSaveBody(value) ??
      (this.full.transform(value, { type: 'body', metatype: SaveAnswerDto }) as Promise<SaveAnswerDto>)
    );
  }
}

@ApiTags('exams')
@ApiBearerAuth()
@Controller()
export class ExamsController {
  constructor(
    private readonly exams: ExamsService,
    private readonly attempts: AttemptsService,
    private readonly actions: AttemptActionsService,
    private readonly practice: PracticeService,
    private readonly itemStats: ItemStatsService,
  ) {}

  @Get('exams/available')
  available(@CurrentUser() user: AuthUser) {
    return this.exams.available(user);
  }

  /** 我的考试: the exams I sat, where I stand in each, my attempts and scores, and whether the review is open. */
  @Get('me/exams')
  mine(@CurrentUser() user: AuthUser) {
    return this.exams.mine(user);
  }

  @Roles(...ACCESS.examOverseers)
  @Get('exams')
  list() {
    return this.exams.list();
  }

  @Roles(...ACCESS.trainers)
  @Post('exams')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateExamDto) {
    return this.exams.create(user, dto);
  }

  /** Item statistics of a bank's questions, worst discrimination first. */
  @Roles(...ACCESS.trainers)
  @Get('item-stats')
  listItemStats(@Query() q: ItemStatsQuery) {
    return this.itemStats.forBank(q.bankId, q.minShown ?? 1);
  }

  /** 题库体检: key balance, questions never shown, questions nearly everyone or nobody gets right. */
  @Roles(...ACCESS.trainers)
  @Get('question-banks/:id/health')
  bankHealth(@Param('id', ParseIntPipe) id: number): Promise<BankHealthResponse> {
    return this.itemStats.health(id);
  }

  @Roles(...ACCESS.examOverseers)
  @Get('exams/:id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.exams.get(id);
  }

  @Roles(...ACCESS.trainers)
  @Patch('exams/:id')
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateExamDto) {
    return this.exams.update(user, id, dto);
  }

  @Roles(...ACCESS.trainers)
  @HttpCode(200)
  @Post('exams/:id/publish')
  publish(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.exams.publish(user, id);
  }

  @Roles(...ACCESS.trainers)
  @HttpCode(200)
  @Post('exams/:id/archive')
  archive(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.exams.archive(user, id);
  }

  /** Admins only: a new blueprint and/or audience for an exam whose stored configuration is broken (409 otherwise). */
  @Roles(...ACCESS.admins)
  @HttpCode(200)
  @Post('exams/:id/repair')
  repair(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: RepairExamDto,
  ): Promise<ExamResponse> {
    return this.exams.repair(user, id, dto);
  }

  @Roles(...ACCESS.examOverseers)
  @Get('exams/:id/roster')
  roster(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.exams.roster(user, id);
  }

  /** 201 with a new paper, or 200 with the attempt already in progress. */
  @Post('exams/:id/attempts')
  async start(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const { created, body } = await this.attempts.start(user, id);
    reply.status(created ? 201 : 200);
    return body;
  }

  @Get('attempts/:id')
  get_(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.attempts.get(user, id);
  }

  @ApiBody({ type: SaveAnswerDto })
  @Put('attempts/:id/answers/:questionId')
  save(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('questionId', ParseIntPipe) questionId: number,
    @Body(SaveAnswerPipe) body: unknown,
  ) {
    return this.attempts.save(user, id, questionId, body as SaveAnswerDto);
  }

  @HttpCode(200)
  @Post('attempts/:id/submit')
  submit(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.attempts.submit(user, id);
  }

  @HttpCode(200)
  @Post('attempts/:id/events')
  event(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() dto: EventDto) {
    return this.attempts.event(user, id, dto);
  }

  @Get('attempts/:id/review')
  review(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.attempts.review(user, id);
  }

  @Roles(...ACCESS.examOverseers)
  @Get('attempts/:id/detail')
  detail(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.actions.readForStaff(user, id);
  }

  @Roles(...ACCESS.examOverseers)
  @HttpCode(200)
  @Post('attempts/:id/extend')
  extend(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() dto: ExtendDto) {
    return this.actions.extend(user, id, dto.minutes, dto.reason);
  }

  @Roles(...ACCESS.examOverseers)
  @HttpCode(200)
  @Post('attempts/:id/invalidate')
  invalidate(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() dto: ReasonDto) {
    return this.actions.invalidate(user, id, dto.reason);
  }

  @Roles(...ACCESS.examOverseers)
  @HttpCode(200)
  @Post('attempts/:id/reopen')
  reopen(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() dto: ExtendDto) {
    return this.actions.reopen(user, id, dto.minutes, dto.reason);
  }

  @HttpCode(200)
  @Post('practice/questions')
  practiceQuestions(@CurrentUser() user: AuthUser, @Body() dto: PracticeStartDto) {
    return this.practice.questionsFor(user, dto);
  }

  @HttpCode(200)
  @Post('practice/answer')
  practiceAnswer(@CurrentUser() user: AuthUser, @Body() dto: PracticeAnswerDto) {
    return this.practice.answer(user, dto);
  }

  @Get('practice/notebook')
  notebook(@CurrentUser() user: AuthUser) {
    return this.practice.notebook(user);
  }
}
