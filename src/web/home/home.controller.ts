import { Get, Req, Res } from '@nestjs/common';
import { CertificatesService } from '../../certification/certificates.service';
import { CurrentUser } from '../../common/decorators';
import { ACCESS, allowed, type AuthUser } from '../../common/roles';
import { ExamsService } from '../../exams/exams.service';
import { PracticeService } from '../../exams/practice.service';
import { QuestionsService } from '../../question-bank/questions.service';
import { StudyService } from '../../study/study.service';
import { html, type SafeHtml } from '../shared/html';
import { type PageRequest, render, type Reply } from '../shared/page';
import { PageController } from '../shared/page.guard';
import { load } from '../shared/section';
import { adminCards, managerCards, staffHome, trainerCards } from './home.pages';

/** 首页: a part for each of the caller's roles, each loaded on its own. */
@PageController()
export class HomeController {
  constructor(
    private readonly exams: ExamsService,
    private readonly practice: PracticeService,
    private readonly study: StudyService,
    private readonly certificates: CertificatesService,
    private readonly questions: QuestionsService,
  ) {}

  @Get('app')
  async home(@CurrentUser() user: AuthUser, @Req() req: PageRequest, @Res() reply: Reply) {
    const parts: SafeHtml[] = [];
    if (allowed(user, ACCESS.learners)) {
      const [exams, progress, notebook, certificates, campaigns] = await Promise.all([
        load(this.exams.available(user)),
        load(this.study.progress(user, {})),
        load(this.practice.notebook(user)),
        load(this.certificates.mine(user)),
        load(this.study.listCampaigns(user)),
      ]);
      parts.push(staffHome({ exams, progress, notebook, certificates, campaigns, csrf: req.csrfToken }));
    }
    if (allowed(user, ACCESS.trainers)) {
      const [banks, review, exams] = await Promise.all([
        load(this.questions.listBanks()),
        load(this.questions.list({ needsReview: 'true', pageSize: 1 })),
        load(this.exams.list()),
      ]);
      parts.push(trainerCards(banks, review, exams));
    }
    if (user.roles.includes('manager')) parts.push(managerCards);
    if (user.roles.includes('admin')) parts.push(adminCards);
    render(reply, '首页', html`${parts}`, { active: '/app' });
  }
}
