import { Get, Post, Res } from '@nestjs/common';
import { localDay } from '../../common/dates';
import { CurrentUser, Roles } from '../../common/decorators';
import { ACCESS, allowed, type AuthUser } from '../../common/roles';
import { UsersService } from '../../identity/users.service';
import { UnitsService } from '../../organization/units.service';
import { CreateCampaignDto, CreateGroupStudyDto } from '../../study/dto/study.dto';
import { MaterialsService } from '../../study/materials.service';
import { StudyService } from '../../study/study.service';
import { Form } from '../shared/form';
import { csrfOf, redirect, render, type Reply } from '../shared/page';
import { FormPage, Id, PageController } from '../shared/page.guard';
import { campaignFromForm, groupStudyFromForm } from './campaign-form';
import { campaignCompletionPage, campaignFormPage, campaignsPage, groupStudiesPage } from './campaigns.pages';

/** Study campaigns and group study: everyone sees the campaigns; trainers create; overseers see completion. */
@PageController()
export class CampaignPagesController {
  constructor(
    private readonly study: StudyService,
    private readonly materials: MaterialsService,
    private readonly units: UnitsService,
    private readonly users: UsersService,
  ) {}

  @Get('app/campaigns')
  async list(@CurrentUser() user: AuthUser, @Res() reply: Reply) {
    const [campaigns, units] = await Promise.all([this.study.listCampaigns(user), this.units.tree(user)]);
    const page = campaignsPage({
      campaigns,
      units,
      canCreate: allowed(user, ACCESS.trainers),
      canSeeCompletion: allowed(user, ACCESS.studyOverseers),
    });
    render(reply, '学习活动', page, { active: '/app/campaigns' });
  }

  @Roles(...ACCESS.trainers)
  @Get('app/campaigns/new')
  async newCampaign(@CurrentUser() user: AuthUser, @Res() reply: Reply) {
    const [units, materials, people] = await Promise.all([
      this.units.tree(user),
      this.materials.overviewFor(user),
      this.users.directory(),
    ]);
    const csrf = csrfOf(reply);
    // builder.js: the search box of a long checkbox list.
    render(reply, '新建学习活动', campaignFormPage({ csrf, units, materials, people }), {
      active: '/app/campaigns',
      scripts: ['builder.js'],
    });
  }

  @Roles(...ACCESS.trainers)
  @FormPage(() => '/app/campaigns/new')
  @Post('app/campaigns')
  async create(
    @CurrentUser() user: AuthUser,
    @Res() reply: Reply,
    @Form(campaignFromForm) dto: CreateCampaignDto,
  ) {
    const campaign = await this.study.createCampaign(user, dto);
    redirect(reply, `/app/campaigns/${campaign.id}`, '学习活动已创建');
  }

  @Roles(...ACCESS.studyOverseers)
  @Get('app/campaigns/:id')
  async completion(@CurrentUser() user: AuthUser, @Res() reply: Reply, @Id() id: number) {
    const r = await this.study.completion(user, id);
    render(reply, r.campaign.title, campaignCompletionPage(r), { active: '/app/campaigns' });
  }

  @Roles(...ACCESS.studyOverseers)
  @Get('app/group-studies')
  async groupStudies(@CurrentUser() user: AuthUser, @Res() reply: Reply) {
    const canCreate = allowed(user, ACCESS.trainers);
    const [sessions, campaigns, people, materials] = await Promise.all([
      this.study.listGroupStudies(user),
      this.study.listCampaigns(user),
      canCreate ? this.users.directory() : Promise.resolve([]),
      canCreate ? this.materials.overviewFor(user) : Promise.resolve([]),
    ]);
    const csrf = csrfOf(reply);
    const page = groupStudiesPage({
      sessions,
      campaigns,
      form: canCreate ? { csrf, people, materials } : null,
      names: new Map(people.map((p) => [p.id, p.name])),
      // StudyService refuses days after today (China Standard Time), so the form offers the same last day.
      today: localDay(),
    });
    render(reply, '集体学法', page, {
      active: '/app/group-studies',
      scripts: canCreate ? ['builder.js'] : [],
    });
  }

  @Roles(...ACCESS.trainers)
  @FormPage(() => '/app/group-studies')
  @Post('app/group-studies')
  async recordGroupStudy(
    @CurrentUser() user: AuthUser,
    @Res() reply: Reply,
    @Form(groupStudyFromForm) dto: CreateGroupStudyDto,
  ) {
    await this.study.recordGroupStudy(user, dto);
    redirect(reply, '/app/group-studies', '集体学法已登记，参学人员学时已计入');
  }
}
