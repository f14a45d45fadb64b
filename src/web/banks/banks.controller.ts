import { Get, Post, Query, Res } from '@nestjs/common';
import { CurrentUser, Roles } from '../../common/decorators';
import { AppError } from '../../common/errors';
import { ACCESS, type AuthUser } from '../../common/roles';
import { CurriculumService } from '../../curriculum/curriculum.service';
import { ItemStatsService } from '../../exams/item-stats.service';
import { EditQuestionDto, FlagDto, ListQuestionsQuery } from '../../question-bank/dto/question.dto';
import { isWrittenType } from '../../question-bank/question.types';
import { QuestionsService } from '../../question-bank/questions.service';
import { defined, Form, one, validated } from '../shared/form';
import { csrfOf, type PageRequest, redirect, render, type Reply } from '../shared/page';
import { FormPage, Id, PageController } from '../shared/page.guard';
import { bankHealthPage, banksPage, itemStatsPage } from './banks.pages';
import {
  completeEdit,
  questionEditPage,
  questionFromForm,
  questionsPage,
  type QuestionFilters,
} from './questions.pages';

const PAGE_SIZE = 30;
const backToQuestion = (req: PageRequest) => `/app/questions/${(req.params as { id: string }).id}`;

/** Question banks and questions (trainers): upload, statistics, the review queue, editing and review actions. */
@Roles(...ACCESS.trainers)
@PageController()
export class BankPagesController {
  constructor(
    private readonly questions: QuestionsService,
    private readonly itemStats: ItemStatsService,
    private readonly curriculum: CurriculumService,
  ) {}

  @Get('app/banks')
  async banks(@Res() reply: Reply) {
    render(reply, '题库', banksPage(await this.questions.listBanks()), {
      active: '/app/banks',
      scripts: ['upload.js'],
    });
  }

  @Get('app/banks/:id/stats')
  async bankStats(@Res() reply: Reply, @Id() id: number) {
    const bank = (await this.questions.listBanks()).find((b) => b.id === id);
    if (!bank) throw AppError.notFound('题库不存在');
    const stats = await this.itemStats.forBank(id);
    render(reply, `题目统计：${bank.title}`, itemStatsPage(bank, stats), { active: '/app/banks' });
  }

  @Get('app/banks/:id/health')
  async bankHealth(@Res() reply: Reply, @Id() id: number) {
    const health = await this.itemStats.health(id);
    render(reply, `题库体检：${health.title}`, bankHealthPage(health), { active: '/app/banks' });
  }

  @Get('app/questions')
  async list(
    @Res() reply: Reply,
    @Query('bankId') bankId?: string,
    @Query('status') status?: string,
    @Query('q') q?: string,
    @Query('page') page?: string,
  ) {
    const filters: QuestionFilters = defined({ bankId, status, q });
    const query = await validated(ListQuestionsQuery, {
      ...filters,
      ...defined({ page }),
      pageSize: PAGE_SIZE,
    });
    const [list, banks] = await Promise.all([this.questions.list(query), this.questions.listBanks()]);
    render(reply, '题目', questionsPage('题目', list, filters, banks), { active: '/app/questions' });
  }

  @Get('app/review-queue')
  async reviewQueue(@Res() reply: Reply, @Query('page') page?: string) {
    const query = await validated(ListQuestionsQuery, {
      needsReview: 'true',
      pageSize: PAGE_SIZE,
      page: page ?? '1',
    });
    const list = await this.questions.list(query);
    render(reply, '待复核', questionsPage('待复核题目', list, {}, null), { active: '/app/review-queue' });
  }

  @Get('app/questions/:id')
  async question(@Res() reply: Reply, @Id() id: number) {
    const csrf = csrfOf(reply);
    const [question, regulations] = await Promise.all([this.questions.get(id), this.curriculum.list({})]);
    render(reply, `题目 ${id}`, questionEditPage(question, csrf, regulations), {
      active: '/app/questions',
      ...(isWrittenType(question.type) ? { scripts: ['rubric.js'] } : {}),
    });
  }

  /** A new revision: the typed options and key completed from the current revision (blank options keep theirs). */
  @FormPage(backToQuestion)
  @Post('app/questions/:id')
  async edit(
    @CurrentUser() user: AuthUser,
    @Res() reply: Reply,
    @Id() id: number,
    @Form(questionFromForm) dto: EditQuestionDto,
  ) {
    const current = await this.questions.get(id);
    const saved = await this.questions.edit(user, id, completeEdit(dto, current));
    redirect(reply, `/app/questions/${id}`, ['已保存为新版本', ...saved.notes].join('。注意：'));
  }

  @FormPage(backToQuestion)
  @Post('app/questions/:id/approve')
  async approve(@CurrentUser() user: AuthUser, @Res() reply: Reply, @Id() id: number) {
    await this.questions.setStatus(user, id, 'approved');
    redirect(reply, `/app/questions/${id}`, '已审核通过');
  }

  @FormPage(backToQuestion)
  @Post('app/questions/:id/retire')
  async retire(@CurrentUser() user: AuthUser, @Res() reply: Reply, @Id() id: number) {
    await this.questions.setStatus(user, id, 'retired');
    redirect(reply, `/app/questions/${id}`, '已停用');
  }

  @FormPage(backToQuestion)
  @Post('app/questions/:id/flag')
  async flag(
    @CurrentUser() user: AuthUser,
    @Res() reply: Reply,
    @Id() id: number,
    @Form((f) => ({ needsReview: one(f.needsReview) === 'true', ...defined({ reason: one(f.reason) }) }))
    dto: FlagDto,
  ) {
    await this.questions.flag(user, id, dto.needsReview, dto.reason);
    redirect(reply, `/app/questions/${id}`, '复核标记已更新');
  }
}
