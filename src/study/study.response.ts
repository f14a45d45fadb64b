/** What the study-hours API (and the home, campaign and group-study pages) show. */
import { ApiEnum, ApiNullable } from '../common/openapi';
import { STUDY_SOURCES } from '../curriculum/study-credit.entity';
import { CAMPAIGN_KINDS } from './campaign.entity';
import type { StudySource } from '../curriculum/study-credit.entity';
import { AudienceResponse } from '../exams/exam.response';
import type { CampaignKind } from './campaign.entity';
import { RegulationRefResponse } from '../curriculum/regulation.response';

export class HoursBySourceResponse {
  @ApiEnum(STUDY_SOURCES)
  source: StudySource;
  /** @example 阅读法规 */
  label: string;
  /** Rounded down to one decimal. @example 3.5 */
  hours: number;
  /** @example 12600 */
  seconds: number;
}

/** A person's study hours (学时) this year against the annual target. */
export class StudyProgressResponse {
  /** @example 5 */
  userId: number;
  /** @example 2026 */
  year: number;
  /** Rounded down to one decimal. @example 12.5 */
  hours: number;
  /** STUDY_HOURS_TARGET. @example 40 */
  targetHours: number;
  /** 0…1. @example 0.3125 */
  share: number;
  /** @example false */
  met: boolean;
  bySource: HoursBySourceResponse[];
}

export class HeartbeatResponse {
  /** Seconds credited by this beat. @example 30 */
  credited: number;
  /** Why less (or nothing) was credited. @example too-fast */
  @ApiEnum(['too-fast', 'idle', 'first-beat', 'material-cap', 'daily-cap', 'concurrent'], { required: false })
  reason?: 'too-fast' | 'idle' | 'first-beat' | 'material-cap' | 'daily-cap' | 'concurrent';
  /** Seconds credited today for this material. @example 600 */
  todayForMaterial: number;
  /** Seconds of reading credited today. @example 1800 */
  today: number;
}

export class StudyMaterialsResponse {
  regulations: RegulationRefResponse[];
  /** @example [1, 2] */
  materialIds: number[];
}

export class CampaignResponse {
  /** @example 1 */
  id: number;
  /** @example 2026年法规学习月 */
  title: string;
  @ApiEnum(CAMPAIGN_KINDS)
  kind: CampaignKind;
  /** @example 法规学习月 */
  kindLabel: string;
  /** @example null */
  description: string | null;
  /** @example 2026-04-01 */
  startsOn: string;
  /** @example 2026-04-30 */
  endsOn: string;
  /** @example 4 */
  requiredHours: number;
  audience: AudienceResponse;
  materials: StudyMaterialsResponse;
}

export class MyCampaignProgressResponse {
  /** @example 2.5 */
  hours: number;
  /** @example false */
  completed: boolean;
}

/** A campaign with the caller's own standing. */
export class CampaignWithMineResponse extends CampaignResponse {
  /** The caller is in its audience. @example true */
  assigned: boolean;
  @ApiNullable(() => MyCampaignProgressResponse)
  mine: MyCampaignProgressResponse | null;
}

export class UnitCompletionResponse {
  /** @example 7 */
  unitId: number | null;
  /** @example 优抚褒扬科 */
  unitName: string;
  /** @example 6 */
  total: number;
  /** @example 4 */
  completed: number;
  /** @example 0.6667 */
  share: number;
}

export class PersonCompletionResponse {
  /** @example 5 */
  userId: number;
  /** @example 2.5 */
  hours: number;
  /** @example false */
  completed: boolean;
  /** @example 王学员 */
  name?: string;
  /** @example staff */
  username?: string;
  /** @example 7 */
  unitId: number | null;
  /** @example 优抚褒扬科 */
  unitName: string | null;
}

export class CampaignCompletionResponse {
  campaign: CampaignResponse;
  /** @example 60 */
  total: number;
  /** @example 42 */
  completed: number;
  /** @example 0.7 */
  share: number;
  units: UnitCompletionResponse[];
  persons: PersonCompletionResponse[];
}

/** 集体学法: a session that credits every attendee. */
export class GroupStudyResponse {
  /** @example 1 */
  id: number;
  /** @example 2026-03-10 */
  heldOn: string;
  /** @example 党组理论学习中心组集体学法：退役军人保障法 */
  topic: string;
  /** @example 90 */
  minutes: number;
  materials: StudyMaterialsResponse;
  /** @example [5, 6] */
  attendeeIds: number[];
  /** @example null */
  campaignId: number | null;
  /** @example null */
  note: string | null;
}
