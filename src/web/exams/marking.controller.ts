import { Get, Param, Post, Query, Res } from '@nestjs/common';
import { CurrentUser, Roles } from '../../common/decorators';
import { ACCESS, type AuthUser } from '../../common/roles';
import { MarkDto, NextMarkingQuery } from '../../exams/dto/exam.dto';
import { ExamsService } from '../../exams/exams.service';
import { MarkingService } from '../../exams/marking.service';
import { Form, many, one } from '../shared/form';
import { csrfOf, type PageRequest, redirect, render, type Reply } from '../shared/page';
import { FormPage, Id, PageController } from '../shared/page.guard';
import { markingItemPage, markingProgressPage } from './marking.pages';

/** Where a marking form goes back to: the next answer of the same question (a path under /app/exams only). */
const backOf = (req: PageRequest) => {
  const back = one((req.body as Record<string, string> | undefined)?.back);
  return /^\/app\/exams\/\d+\/marking\/next\?questionId=\d+(&sub=\d+)?$/.test(back) ? back : '/app/exams';
};

/** 阅卷 pages (desktop): the exam's trainers mark written answers blind. */
@PageController()
export class MarkingPagesController {
  constructor(
    private readonly marking: MarkingService,
    private readonly exams: ExamsService,
  ) {}

  @Roles(...ACCESS.trainers)
  @Get('app/exams/:id/marking')
  async progress(@CurrentUser() user: AuthUser, @Res() reply: Reply, @Id() id: number) {
    const exam = await this.exams.get(id);
    const progress = await this.marking.progress(user, id);
    const stats = await this.marking.stats(user, id);
    render(reply, `阅卷：${exam.title}`, markingProgressPage(exam.title, progress, stats), {
      active: '/app/exams',
    });
  }

  @Roles(...ACCESS.trainers)
  @Get('app/exams/:id/marking/next')
  async next(
    @CurrentUser() user: AuthUser,
    @Res() reply: Reply,
    @Id() id: number,
    @Query() q: NextMarkingQuery,
  ) {
    const next = await this.marking.next(user, id, q.questionId, q.sub);
    render(reply, '阅卷', markingItemPage(id, next.item, next.remaining, csrfOf(reply)), {
      active: '/app/exams',
    });
  }

  @Roles(...ACCESS.trainers)
  @FormPage(backOf)
  @Post('app/marking/:markingId')
  async mark(
    @CurrentUser() user: AuthUser,
    @Res() reply: Reply,
    @Param('markingId') token: string,
    @Form((f) => ({
      awards: many(f.award).map((a) => (a.trim() === '' ? NaN : Number(a))),
      ...(one(f.comment) ? { comment: one(f.comment) } : {}),
    }))
    dto: MarkDto,
  ) {
    const r = await this.marking.mark(user, token, dto.awards, dto.comment);
    redirect(
      reply,
      backOf(reply.request as PageRequest),
      r.status === 'final'
        ? `已评定，得分 ${r.finalScore}`
        : r.status === 'third'
          ? '已评分：两评分差过大，待第三人仲裁'
          : '已评分，待第二位阅卷人评阅',
    );
  }
}
