import { Get, Post, Res } from '@nestjs/common';
import { CurrentUser } from '../../common/decorators';
import type { AuthUser } from '../../common/roles';
import { AttemptsService } from '../../exams/attempts.service';
import { html } from '../shared/html';
import { csrfOf, redirect, render, type Reply } from '../shared/page';
import { FormPage, Id, PageController } from '../shared/page.guard';
import { load } from '../shared/section';
import { examPage, resultPage, reviewPage } from './paper.pages';

/** The candidate's side of an exam: start, the paper, the result and the review. */
@PageController()
export class AttemptPagesController {
  constructor(private readonly attempts: AttemptsService) {}

  /** Starts (or resumes) an attempt; a refusal goes back to 首页 with the reason. */
  @FormPage(() => '/app')
  @Post('app/exams/:id/start')
  async start(@CurrentUser() user: AuthUser, @Res() reply: Reply, @Id() id: number) {
    const { body } = await this.attempts.start(user, id);
    redirect(reply, `/app/attempts/${body.id}`);
  }

  @Get('app/attempts/:id')
  async paper(@CurrentUser() user: AuthUser, @Res() reply: Reply, @Id() id: number) {
    const p = await this.attempts.get(user, id);
    if (p.status !== 'in-progress') return redirect(reply, `/app/attempts/${id}/result`);
    render(reply, p.title, examPage(p, csrfOf(reply)), { scripts: ['exam.js'] });
  }

  @Get('app/attempts/:id/result')
  async result(@CurrentUser() user: AuthUser, @Res() reply: Reply, @Id() id: number) {
    const p = await this.attempts.get(user, id);
    if (p.status === 'in-progress') return redirect(reply, `/app/attempts/${id}`);
    if (!p.result)
      return render(
        reply,
        '成绩',
        html`<h1>${p.title}</h1>
          <p>本次作答已作废，没有成绩。</p>`,
      );
    const review = await load(this.attempts.review(user, id));
    render(reply, `${p.title} 成绩`, resultPage(p.title, p.result, review.ok));
  }

  @Get('app/attempts/:id/review')
  async review(@CurrentUser() user: AuthUser, @Res() reply: Reply, @Id() id: number) {
    const r = await this.attempts.review(user, id);
    const paper = await load(this.attempts.get(user, id));
    render(reply, '答案解析', reviewPage(paper.ok ? paper.value.title : '考试', r.questions));
  }
}
