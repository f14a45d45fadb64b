import { Get, Param, Post, Res } from '@nestjs/common';
import { CurrentUser, Roles } from '../../common/decorators';
import { ACCESS, type AuthUser } from '../../common/roles';
import { RepealDto } from '../../curriculum/dto/regulation.dto';
import { CurriculumService } from '../../curriculum/curriculum.service';
import { RegulationChangesService } from '../../question-bank/regulation-changes.service';
import { defined, Form, one } from '../shared/form';
import { csrfOf, redirect, render, type Reply } from '../shared/page';
import { FormPage, PageController } from '../shared/page.guard';
import { regulationPage, regulationsPage } from './regulations.pages';

const regulationHref = (code: string) => `/app/regulations/${encodeURIComponent(code)}`;

/** Law versions (trainers): upload a new text (upload.js → the API), or record a repeal. */
@Roles(...ACCESS.trainers)
@PageController()
export class RegulationPagesController {
  constructor(
    private readonly curriculum: CurriculumService,
    private readonly changes: RegulationChangesService,
  ) {}

  @Get('app/regulations')
  async list(@Res() reply: Reply) {
    render(reply, '法规版本', regulationsPage(await this.curriculum.list({})), {
      active: '/app/regulations',
    });
  }

  @Get('app/regulations/:code')
  async regulation(@Res() reply: Reply, @Param('code') code: string) {
    const r = await this.curriculum.getByCode(code);
    render(reply, r.title, regulationPage(r, csrfOf(reply)), {
      active: '/app/regulations',
      scripts: ['upload.js'],
    });
  }

  @FormPage((req) => regulationHref((req.params as { code: string }).code))
  @Post('app/regulations/:code/repeal')
  async repeal(
    @CurrentUser() user: AuthUser,
    @Res() reply: Reply,
    @Param('code') code: string,
    @Form((f) => ({
      repealedOn: one(f.repealedOn),
      ...defined({ replacedBy: one(f.replacedBy), note: one(f.note) }),
    }))
    dto: RepealDto,
  ) {
    const { flagged } = await this.changes.repeal(user, code, dto);
    redirect(reply, regulationHref(code), `已登记废止，${flagged} 道题已标记待复核`);
  }
}
