import { Inject, Injectable } from '@nestjs/common';
import { localDay } from '../common/dates';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { AppError } from '../common/errors';
import type { AuthUser } from '../common/roles';
import { CurriculumService } from '../curriculum/curriculum.service';
import { STUDY_SOURCE_LABELS, STUDY_SOURCES } from '../curriculum/study-credit.entity';
import { campaignCompletion, progress } from '../curriculum/study-hours';
import { CreditFilter, StudyHoursService } from '../curriculum/study-hours.service';
import { TxService } from '../database/tx.service';
import type { AudienceCriteria } from '../identity/audience-sql';
import { UsersService } from '../identity/users.service';
import { AccessService } from '../organization/access.service';
import { Campaign, CAMPAIGN_KIND_LABELS } from './campaign.entity';
import { completionByUnit } from './campaign-report';
import { CreateCampaignDto, CreateGroupStudyDto, HeartbeatDto, StudyMaterialsDto } from './dto/study.dto';
import { GroupStudy } from './group-study.entity';
import { MaterialsService } from './materials.service';
import type {
  CampaignCompletionResponse,
  CampaignResponse,
  CampaignWithMineResponse,
  GroupStudyResponse,
  HeartbeatResponse,
  StudyMaterialsResponse,
  StudyProgressResponse,
} from './study.response';
import type { AudienceResponse } from '../exams/exam.response';

interface MaterialSet {
  regulationIds: number[];
  materialIds: number[];
}
/** Study hours (学时): reading heartbeats, annual progress, campaigns and group study sessions. */
@Injectable()
export class StudyService {
  constructor(
    @InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>,
    @InjectRepository(GroupStudy) private readonly sessions: Repository<GroupStudy>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hours: StudyHoursService,
    private readonly curriculum: CurriculumService,
    private readonly materials: MaterialsService,
    private readonly users: UsersService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly tx: TxService,
  ) {}

  /** Demo cases (示例) for the demo data. */
  seedDemoMaterials(): Promise<void> {
    return this.materials.seedDemoCases();
  }

  async heartbeat(user: AuthUser, dto: HeartbeatDto): Promise<HeartbeatResponse> {
    if ((dto.regulationCode ? 1 : 0) + (dto.materialId ? 1 : 0) !== 1)
      throw AppError.badRequest('请指明正在阅读的法规（regulationCode）或学习资料（materialId）之一');
    let ref: { source: 'reading' | 'material'; refId: number };
    if (dto.regulationCode) {
      const reg = await this.curriculum.requireByCode(dto.regulationCode);
      ref = { source: 'reading', refId: reg.id };
    } else {
      if (!(await this.materials.exists(dto.materialId!))) throw AppError.notFound('学习资料不存在');
      ref = { source: 'material', refId: dto.materialId! };
    }
    return this.hours.heartbeat({
      userId: user.id,
      ...ref,
      secondsSinceActivity: dto.active === false ? Number.POSITIVE_INFINITY : dto.secondsSinceActivity,
    });
  }

  /** A person's hours this year (or `year`) against the annual target, by source. */
  async progress(actor: AuthUser, opts: { userId?: number; year?: number }): Promise<StudyProgressResponse> {
    const userId = opts.userId ?? actor.id;
    if (userId !== actor.id) {
      const u = await this.users.findById(userId);
      if (!u || !actor.roles.some((r) => r === 'manager' || r === 'admin' || r === 'trainer'))
        throw AppError.notFound('账号不存在');
      if (!(await this.access.canSeeMember(actor, u))) throw AppError.notFound('账号不存在');
    }
    const year = opts.year ?? new Date().getUTCFullYear();
    const bySource = await this.hours.secondsBySource(year, userId);
    const total = [...bySource.values()].reduce((a, b) => a + b, 0);
    return {
      userId,
      year,
      ...progress({ creditedSeconds: total, targetHours: this.config.studyHoursTarget }),
      bySource: STUDY_SOURCES.map((s) => ({
        source: s,
        label: STUDY_SOURCE_LABELS[s],
        hours: Math.floor((bySource.get(s) ?? 0) / 360 + 1e-9) / 10,
        seconds: bySource.get(s) ?? 0,
      })),
    };
  }

  // ---- campaigns --------------------------------------------------------------------------------------------

  async createCampaign(actor: AuthUser, dto: CreateCampaignDto): Promise<CampaignResponse> {
    if (dto.endsOn < dto.startsOn)
      throw AppError.badRequest('结束日期不能早于开始日期', [{ field: 'endsOn', message: '早于开始日期' }]);
    const materials = await this.resolveMaterials(dto.materials);
    const audience: AudienceCriteria = {
      unitIds: dto.audience?.unitIds ?? [],
      lines: dto.audience?.lines ?? [],
      enforcementOnly: dto.audience?.enforcementOnly ?? false,
      userIds: dto.audience?.userIds ?? [],
    };
    const saved = await this.tx.run(async (m) => {
      const repo = m.getRepository(Campaign);
      const c = await repo.save(
        repo.create({
          title: dto.title,
          kind: dto.kind,
          description: dto.description ?? null,
          startsOn: dto.startsOn,
          endsOn: dto.endsOn,
          requiredHours: dto.requiredHours,
          audience: JSON.stringify(audience),
          materials: JSON.stringify(materials),
          createdBy: actor.id,
        }),
      );
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'campaign.create',
        entity: 'campaign',
        entityId: c.id,
        detail: dto,
      });
      return c;
    });
    return this.toCampaignResponse(saved);
  }

  /**
   * Who may read a campaign: its audience; trainers and admins (they run campaigns for the whole bureau); a
   * manager when someone in the audience is in their units. Everyone else is told it does not exist.
   */
  private async campaignAccess(
    actor: AuthUser,
    c: Campaign,
  ): Promise<{ visible: boolean; inAudience: boolean }> {
    const audience = JSON.parse(c.audience) as AudienceCriteria;
    const inAudience = (await this.users.findAudience(audience, actor.id)).length > 0;
    if (inAudience || actor.roles.includes('admin') || actor.roles.includes('trainer'))
      return { visible: true, inAudience };
    if (!actor.roles.includes('manager')) return { visible: false, inAudience };
    const root = await this.access.scopeRootPath(actor);
    const members = await this.users.findAudience(audience);
    return { visible: members.some((u) => root === null || (u.unitPath ?? '').startsWith(root)), inAudience };
  }

  private async requireVisibleCampaign(actor: AuthUser, id: number): Promise<Campaign> {
    const c = await this.requireCampaign(id);
    if (!(await this.campaignAccess(actor, c)).visible) throw AppError.notFound('学习活动不存在');
    return c;
  }

  /** The campaigns the caller may read (see campaignAccess), with their own standing in the ones they are assigned. */
  async listCampaigns(user: AuthUser): Promise<CampaignWithMineResponse[]> {
    const rows = await this.campaigns.find({ order: { startsOn: 'DESC', id: 'DESC' } });
    const out: CampaignWithMineResponse[] = [];
    for (const c of rows) {
      const { visible, inAudience } = await this.campaignAccess(user, c);
      if (!visible) continue;
      let mine: { hours: number; completed: boolean } | null = null;
      if (inAudience) {
        const seconds = (await this.campaignSeconds(c, [user.id])).get(user.id) ?? 0;
        const p = campaignCompletion({
          requiredHours: c.requiredHours,
          creditedSecondsByPerson: new Map([[user.id, seconds]]),
          audience: [user.id],
        }).persons[0];
        mine = { hours: p.hours, completed: p.completed };
      }
      out.push({ ...(await this.toCampaignResponse(c)), assigned: inAudience, mine });
    }
    return out;
  }

  async getCampaign(actor: AuthUser, id: number): Promise<CampaignResponse> {
    return this.toCampaignResponse(await this.requireVisibleCampaign(actor, id));
  }

  /** Completion per person and per unit, limited to the units the caller may see. */
  async completion(actor: AuthUser, id: number): Promise<CampaignCompletionResponse> {
    const c = await this.requireVisibleCampaign(actor, id);
    const root = await this.access.scopeRootPath(actor);
    const members = (await this.users.findAudience(JSON.parse(c.audience) as AudienceCriteria)).filter(
      (u) => root === null || (u.unitPath ?? '').startsWith(root),
    );
    const ids = members.map((u) => u.id);
    const seconds = await this.campaignSeconds(c, ids);
    const result = campaignCompletion({
      requiredHours: c.requiredHours,
      creditedSecondsByPerson: seconds,
      audience: ids,
    });
    const byId = new Map(members.map((u) => [u.id, u]));
    const unitOf = new Map(members.map((u) => [u.id, { unitId: u.unitId, unitName: u.unitName }] as const));
    return {
      campaign: await this.toCampaignResponse(c),
      total: result.total,
      completed: result.completed,
      share: result.share,
      units: completionByUnit(result, unitOf),
      persons: result.persons.map((p) => ({
        ...p,
        name: byId.get(p.userId)?.name,
        username: byId.get(p.userId)?.username,
        unitId: byId.get(p.userId)?.unitId ?? null,
        unitName: byId.get(p.userId)?.unitName ?? null,
      })),
    };
  }

  /**
   * Seconds that count for a campaign, per person: reading its documents and materials within its dates, and
   * group study sessions recorded for it or on its materials; with no materials assigned, any study in its dates.
   */
  private async campaignSeconds(c: Campaign, userIds: number[]): Promise<Map<number, number>> {
    const set = JSON.parse(c.materials) as MaterialSet;
    const filter: CreditFilter = { from: c.startsOn, to: c.endsOn, userIds };
    if (set.regulationIds.length || set.materialIds.length) {
      const sessions = (await this.sessions.find()).filter((s) => {
        if (s.campaignId === c.id) return true;
        const m = JSON.parse(s.materials) as MaterialSet;
        return (
          m.regulationIds.some((r) => set.regulationIds.includes(r)) ||
          m.materialIds.some((x) => set.materialIds.includes(x))
        );
      });
      filter.sources = [
        { source: 'reading', refIds: set.regulationIds },
        { source: 'material', refIds: set.materialIds },
        { source: 'group-study', refIds: sessions.map((s) => s.id) },
      ];
    }
    return this.hours.secondsWhere(filter);
  }

  // ---- group study (集体学法) -----------------------------------------------------------------------------------

  async recordGroupStudy(actor: AuthUser, dto: CreateGroupStudyDto): Promise<GroupStudyResponse> {
    if (dto.heldOn > localDay())
      throw AppError.badRequest('集体学法日期不能晚于今天', [{ field: 'heldOn', message: '晚于今天' }]);
    const wanted = [...new Set(dto.attendeeIds)];
    if (!wanted.length)
      throw AppError.badRequest('请至少选择一名参学人员', [{ field: 'attendeeIds', message: '不能为空' }]);
    const found = await this.users.findAudience({
      unitIds: [],
      lines: [],
      enforcementOnly: false,
      userIds: wanted,
    });
    const missing = wanted.filter((id) => !found.some((u) => u.id === id));
    if (missing.length)
      throw AppError.badRequest(`参学人员不存在或已停用：${missing.join('、')}`, [
        { field: 'attendeeIds', message: `不存在：${missing.join('、')}` },
      ]);
    if (dto.campaignId != null) await this.requireCampaign(dto.campaignId);
    const materials = await this.resolveMaterials(dto.materials);
    const saved = await this.tx.run(async (m) => {
      const repo = m.getRepository(GroupStudy);
      const s = await repo.save(
        repo.create({
          heldOn: dto.heldOn,
          topic: dto.topic,
          minutes: dto.minutes,
          materials: JSON.stringify(materials),
          attendeeIds: JSON.stringify(wanted),
          campaignId: dto.campaignId ?? null,
          note: dto.note ?? null,
          createdBy: actor.id,
        }),
      );
      for (const userId of wanted)
        await this.hours.credit(m, {
          userId,
          source: 'group-study',
          refId: s.id,
          seconds: dto.minutes * 60,
          creditedOn: dto.heldOn,
        });
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'group-study.create',
        entity: 'group_study',
        entityId: s.id,
        detail: { ...dto, attendeeIds: wanted },
      });
      return s;
    });
    return this.toSessionResponse(saved);
  }

  /**
   * Group study sessions: all of them for trainers and admins (who record them); for a manager, the sessions
   * someone of their units attended, listing only those attendees.
   */
  async listGroupStudies(actor: AuthUser): Promise<GroupStudyResponse[]> {
    const rows = await this.sessions.find({ order: { heldOn: 'DESC', id: 'DESC' } });
    if (actor.roles.includes('admin') || actor.roles.includes('trainer'))
      return Promise.all(rows.map((s) => this.toSessionResponse(s)));
    const root = await this.access.scopeRootPath(actor);
    const attendees = [...new Set(rows.flatMap((s) => JSON.parse(s.attendeeIds) as number[]))];
    const inScope = new Set(
      (attendees.length
        ? await this.users.findAudience({
            unitIds: [],
            lines: [],
            enforcementOnly: false,
            userIds: attendees,
          })
        : []
      )
        .filter((u) => root === null || (u.unitPath ?? '').startsWith(root))
        .map((u) => u.id),
    );
    const out = [];
    for (const s of rows) {
      const mine = (JSON.parse(s.attendeeIds) as number[]).filter((id) => inScope.has(id));
      if (mine.length) out.push({ ...(await this.toSessionResponse(s)), attendeeIds: mine });
    }
    return out;
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  private async requireCampaign(id: number): Promise<Campaign> {
    const c = await this.campaigns.findOne({ where: { id } });
    if (!c) throw AppError.notFound('学习活动不存在');
    return c;
  }

  private async resolveMaterials(dto?: StudyMaterialsDto): Promise<MaterialSet> {
    const regulationIds: number[] = [];
    for (const [i, name] of (dto?.regulations ?? []).entries()) {
      const id = await this.curriculum.resolveRegulationId(name);
      if (!id)
        throw AppError.badRequest(`法规“${name}”不在法规目录中`, [
          { field: `materials.regulations[${i}]`, message: '不在法规目录中' },
        ]);
      regulationIds.push(id);
    }
    const wanted = [...new Set(dto?.materialIds ?? [])];
    const known = await this.materials.existingIds(wanted);
    const missing = wanted.filter((id) => !known.includes(id));
    if (missing.length)
      throw AppError.badRequest(`学习资料不存在：${missing.join('、')}`, [
        { field: 'materials.materialIds', message: `不存在：${missing.join('、')}` },
      ]);
    return { regulationIds: [...new Set(regulationIds)], materialIds: wanted };
  }

  private async describeMaterials(json: string): Promise<StudyMaterialsResponse> {
    const set = JSON.parse(json) as MaterialSet;
    const regs = await this.curriculum.findByIds(set.regulationIds);
    return {
      regulations: regs.map((r) => ({ code: r.code, title: r.title })),
      materialIds: set.materialIds,
    };
  }

  private async toCampaignResponse(c: Campaign): Promise<CampaignResponse> {
    return {
      id: c.id,
      title: c.title,
      kind: c.kind,
      kindLabel: CAMPAIGN_KIND_LABELS[c.kind],
      description: c.description,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      requiredHours: c.requiredHours,
      audience: JSON.parse(c.audience) as AudienceResponse,
      materials: await this.describeMaterials(c.materials),
    };
  }

  private async toSessionResponse(s: GroupStudy): Promise<GroupStudyResponse> {
    return {
      id: s.id,
      heldOn: s.heldOn,
      topic: s.topic,
      minutes: s.minutes,
      materials: await this.describeMaterials(s.materials),
      attendeeIds: JSON.parse(s.attendeeIds) as number[],
      campaignId: s.campaignId,
      note: s.note,
    };
  }
}
