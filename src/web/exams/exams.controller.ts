import { Get, Post, Query, Res } from '@nestjs/common';
import { CurrentUser, Roles } from '../../common/decorators';
import { ACCESS, allowed, type AuthUser } from '../../common/roles';
import { CurriculumService } from '../../curriculum/curriculum.service';
import { AttemptActionsService } from '../../exams/attempt-actions.service';
import { AttemptsService } from '../../exams/attempts.service';
import { CreateExamDto, ExtendDto, ReasonDto, UpdateExamDto } from '../../exams/dto/exam.dto';
import { ExamsService } from '../../exams/exams.service';
import { UsersService } from '../../identity/users.service';
import { UnitsService } from '../../organization/units.service';
import { QuestionsService } from '../../question-bank/questions.service';
import { confirmed, Form, numberOf, one, type FormFields } from '../shared/form';
import { csrfOf, type PageRequest, redirect, redirectWithError, render, type Reply } from '../shared/page';
import { FormPage, Id, PageController } from '../shared/page.guard';
import { load } from '../shared/section';
import { examFormPage, examFromForm, MAX_PARTS, type ExamFormChoices } from './exam-form.page';
import { examDetailPage, examsPage, publishConfirmPage } from './exams.pages';

const partCount = (parts?: string) => Math.min(MAX_PARTS, Math.max(2, Number(parts) || 2));

/** The exam a roster form belongs to (hidden field examId): where an attempt action goes back to. */
const rosterOf = (req: PageRequest) => {
  const examId = one((req.body as FormFields | undefined)?.examId);
  return /^\d+$/.test(examId) ? `/app/exams/${examId}` : '/app/exams';
};

/** Exam management: build and publish (trainers), the roster and its attempt actions (trainers, managers). */
@PageController()
export class ExamPagesController {
  constructor(
    private readonly exams: ExamsService,
    private readonly attempts: AttemptsService,
    private readonly actions: AttemptActionsService,
    private readonly questions: QuestionsService,
    private readonly curriculum: CurriculumService,
    private readonly units: UnitsService,
    private readonly users: UsersService,
  ) {}

  @Roles(...ACCESS.examOverseers)
  @Get('app/exams')
  async list(@CurrentUser() user: AuthUser, @Res() reply: Reply) {
    const exams = await this.exams.list();
    render(reply, '考试管理', examsPage(exams, allowed(user, ACCESS.trainers)), { active: '/app/exams' });
  }

  /** What the exam form offers: banks, regulations (with ids), the unit tree and the staff directory. */
  private async choices(user: AuthUser): Promise<ExamFormChoices> {
    const [banks, regulations, units, people, trainers] = await Promise.all([
      this.questions.listBanks(),
      this.curriculum.list({}),
      this.units.audienceTree(user),
      this.users.directory(),
      this.users.trainerDirectory(),
    ]);
    return { banks, regulations, units, people, trainers };
  }

  @Roles(...ACCESS.trainers)
  @Get('app/exams/new')
  async newExam(@CurrentUser() user: AuthUser, @Res() reply: Reply, @Query('parts') parts?: string) {
    const csrf = csrfOf(reply);
    const page = examFormPage({
      exam: null,
      csrf,
      partCount: partCount(parts),
      ...(await this.choices(user)),
    });
    render(reply, '新建考试', page, { active: '/app/exams', scripts: ['builder.js'] });
  }

  @Roles(...ACCESS.trainers)
  @FormPage(() => '/app/exams/new')
  @Post('app/exams')
  async create(@CurrentUser() user: AuthUser, @Res() reply: Reply, @Form(examFromForm) dto: CreateExamDto) {
    const exam = await this.exams.create(user, dto);
    redirect(reply, `/app/exams/${exam.id}`, '考试已保存为草稿，检查无误后请发布');
  }

  @Roles(...ACCESS.trainers)
  @Get('app/exams/:id/edit')
  async edit(
    @CurrentUser() user: AuthUser,
    @Res() reply: Reply,
    @Id() id: number,
    @Query('parts') parts?: string,
  ) {
    const [exam, choices] = await Promise.all([this.exams.get(id), this.choices(user)]);
    if (exam.status !== 'draft')
      return redirectWithError(reply, `/app/exams/${id}`, '只能编辑草稿状态的考试');
    const csrf = csrfOf(reply);
    const page = examFormPage({ exam, csrf, partCount: partCount(parts), ...choices });
    render(reply, `编辑：${exam.title}`, page, { active: '/app/exams', scripts: ['builder.js'] });
  }

  @Roles(...ACCESS.trainers)
  @FormPage((req) => `/app/exams/${(req.params as { id: string }).id}/edit`)
  @Post('app/exams/:id/edit')
  async update(
    @CurrentUser() user: AuthUser,
    @Res() reply: Reply,
    @Id() id: number,
    @Form(examFromForm) dto: UpdateExamDto,
  ) {
    await this.exams.update(user, id, dto);
    redirect(reply, `/app/exams/${id}`, '草稿已保存');
  }

  @Roles(...ACCESS.examOverseers)
  @Get('app/exams/:id')
  async exam(@CurrentUser() user: AuthUser, @Res() reply: Reply, @Id() id: number) {
    const exam = await this.exams.get(id);
    const roster = await load(this.exams.roster(user, id));
    const csrf = csrfOf(reply);
    render(reply, exam.title, examDetailPage(exam, roster, csrf, allowed(user, ACCESS.trainers)), {
      active: '/app/exams',
    });
  }

  @Roles(...ACCESS.trainers)
  @FormPage((req) => `/app/exams/${(req.params as { id: string }).id}`)
  @Post('app/exams/:id/publish')
  async publish(@CurrentUser() user: AuthUser, @Res() reply: Reply, @Id() id: number) {
    const csrf = csrfOf(reply);
    if (!confirmed(reply.request)) {
      const exam = await this.exams.get(id);
      if (exam.status !== 'draft')
        return redirectWithError(reply, `/app/exams/${id}`, '只有草稿状态的考试可以发布');
      return render(reply, `发布：${exam.title}`, publishConfirmPage(exam, csrf), { active: '/app/exams' });
    }
    const published = await this.exams.publish(user, id);
    const roster = await load(this.exams.roster(user, id));
    render(
      reply,
      published.title,
      examDetailPage(published, roster, csrf, true, { warnings: published.warnings }),
      { active: '/app/exams' },
    );
  }

  // ---------- attempt actions from the roster ----------

  @Roles(...ACCESS.examOverseers)
  @FormPage(rosterOf)
  @Post('app/attempts/:id/extend')
  async extend(
    @CurrentUser() user: AuthUser,
    @Res() reply: Reply,
    @Id() id: number,
    @Form((f) => ({ minutes: numberOf(f.minutes), reason: one(f.reason) })) dto: ExtendDto,
  ) {
    await this.actions.extend(user, id, dto.minutes, dto.reason);
    redirect(reply, rosterOf(reply.request as PageRequest), '已延长作答时间');
  }

  @Roles(...ACCESS.examOverseers)
  @FormPage(rosterOf)
  @Post('app/attempts/:id/reopen')
  async reopen(
    @CurrentUser() user: AuthUser,
    @Res() reply: Reply,
    @Id() id: number,
    @Form((f) => ({ minutes: numberOf(f.minutes), reason: one(f.reason) })) dto: ExtendDto,
  ) {
    await this.actions.reopen(user, id, dto.minutes, dto.reason);
    redirect(reply, rosterOf(reply.request as PageRequest), '答卷已重新开放');
  }

  @Roles(...ACCESS.examOverseers)
  @FormPage(rosterOf)
  @Post('app/attempts/:id/invalidate')
  async invalidate(
    @CurrentUser() user: AuthUser,
    @Res() reply: Reply,
    @Id() id: number,
    @Form((f) => ({ reason: one(f.reason) })) dto: ReasonDto,
  ) {
    await this.actions.invalidate(user, id, dto.reason);
    redirect(reply, rosterOf(reply.request as PageRequest), '答卷已作废');
  }
}
