import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { BUSINESS_LINES } from '../../common/business-lines';
import { ANSWER_SCHEMA } from '../../common/openapi';
import { AtLeastOneField, MAX_INT, Nullable } from '../../common/validation';
import { QUESTION_TYPES, type QuestionType } from '../../question-bank/question.types';
import { EXAM_KINDS, REVIEW_POLICIES, type ExamKind, type ReviewPolicy } from '../exam.entity';

export class RuleDto {
  /** @example single */
  @IsIn(QUESTION_TYPES) type: QuestionType;
  /** @example 20 */
  @IsInt() @Min(1) @Max(500) count: number;
  /** @example 2 */
  @IsNumber() @Min(0.01) @Max(1000) points: number;
}

export class MixDto {
  /** @example 0.3 */
  @IsNumber() @Min(0) @Max(1) easy: number;
  /** @example 0.5 */
  @IsNumber() @Min(0) @Max(1) medium: number;
  /** @example 0.2 */
  @IsNumber() @Min(0) @Max(1) hard: number;
}

export class SourceDto {
  /** @example common */
  @ApiProperty({ enum: ['common', 'specialty', 'banks', 'regulations'] })
  @IsIn(['common', 'specialty', 'banks', 'regulations'])
  kind: 'common' | 'specialty' | 'banks' | 'regulations';
  /** @example [1, 2] */
  @IsOptional() @IsArray() @IsInt({ each: true }) bankIds?: number[];
  /** @example [4] */
  @IsOptional() @IsArray() @IsInt({ each: true }) regulationIds?: number[];
}

export class PartDto {
  /** @example common */
  @IsString() @MinLength(1) @MaxLength(40) key: string;
  /** @example 共同科目 */
  @IsString() @MinLength(1) @MaxLength(100) title: string;
  @ValidateNested() @Type(() => SourceDto) source: SourceDto;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => RuleDto) rules: RuleDto[];
  @IsOptional() @ValidateNested() @Type(() => MixDto) difficultyMix?: MixDto;
  /** @example 36 */
  @IsOptional() @IsNumber() @Min(0) @Max(100_000) passMark?: number;
}

export class BlueprintDto {
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => PartDto) parts: PartDto[];
  /** @example 60 */
  @IsNumber() @Min(0) @Max(100_000) passMark: number;
}

export class AudienceDto {
  /** @example [3] */
  @IsOptional() @IsArray() @IsInt({ each: true }) unitIds?: number[];
  /** @example ["care"] */
  @IsOptional() @IsArray() @IsIn(BUSINESS_LINES, { each: true }) lines?: string[];
  /** @example false */
  @IsOptional() @IsBoolean() enforcementOnly?: boolean;
  /** @example [] */
  @IsOptional() @IsArray() @IsInt({ each: true }) userIds?: number[];
}

export class CreateExamDto {
  /** @example 2026年第二季度考核 */
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) title: string;
  /** @example quarterly */
  @ApiProperty({ enum: EXAM_KINDS }) @IsIn(EXAM_KINDS) kind: ExamKind;
  /** @example 共同科目与本人业务条线 */
  @ApiPropertyOptional() @IsOptional() @Nullable() @IsString() @MaxLength(2000) description?: string | null;
  @ApiProperty({ type: BlueprintDto }) @ValidateNested() @Type(() => BlueprintDto) blueprint: BlueprintDto;
  /** @example 60 */
  @ApiPropertyOptional({ description: 'null = 不限时' })
  @IsOptional()
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  timeLimitMinutes?: number | null;
  /** @example 2026-04-01T00:00:00.000Z */
  @ApiPropertyOptional() @IsOptional() @Nullable() @IsDateString() opensAt?: string | null;
  /** @example 2026-04-30T10:00:00.000Z */
  @ApiPropertyOptional() @IsOptional() @Nullable() @IsDateString() closesAt?: string | null;
  @ApiPropertyOptional() @IsOptional() @Nullable() @IsDateString() resitOpensAt?: string | null;
  @ApiPropertyOptional() @IsOptional() @Nullable() @IsDateString() resitClosesAt?: string | null;
  /** @example 1 */
  @ApiPropertyOptional({ description: '0 = 不限次数' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  attemptsAllowed?: number;
  /** @example highest */
  @ApiPropertyOptional({ enum: ['highest', 'last'] }) @IsOptional() @IsIn(['highest', 'last']) grading?:
    | 'highest'
    | 'last';
  @ApiPropertyOptional() @IsOptional() @IsBoolean() shuffleQuestions?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() shuffleOptions?: boolean;
  /** @example after-submit */
  @ApiPropertyOptional({ enum: REVIEW_POLICIES })
  @IsOptional()
  @IsIn(REVIEW_POLICIES)
  reviewPolicy?: ReviewPolicy;
  /** @example all-or-nothing */
  @ApiPropertyOptional({ enum: ['all-or-nothing', 'partial'] })
  @IsOptional()
  @IsIn(['all-or-nothing', 'partial'])
  multipleMode?: 'all-or-nothing' | 'partial';
  /** @example 5 */
  @ApiPropertyOptional({ description: 'null = 不限' })
  @IsOptional()
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxFocusLoss?: number | null;
  /** Written answers marked by two markers independently (双评). @example false */
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  doubleMarking?: boolean;
  /** Double marking: the largest difference of two totals that needs no third marker (points). @example 2 */
  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  markingTolerance?: number;
  @ApiPropertyOptional({ type: AudienceDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience?: AudienceDto;
  @ApiPropertyOptional({
    description: '负责本场考试的培训管理员（阅卷、查看答卷、延时/重开/作废）；创建人始终负责',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @Min(1, { each: true })
  trainerIds?: number[];
}

@AtLeastOneField()
export class UpdateExamDto extends PartialType(CreateExamDto) {}

export class SaveAnswerDto {
  @ApiProperty({
    description:
      "按显示位置作答（第一个显示的选项为 A）：单选 'B'；多选 ['A','C']；判断 true/false；填空 ['答案1','答案2']；null 表示清空",
    ...ANSWER_SCHEMA,
  })
  /** @example B */
  @IsOptional()
  @Nullable()
  response: unknown;
  /** @example 3 */
  @ApiProperty({ description: '每次保存递增（1 起）' }) @IsInt() @Min(1) @Max(MAX_INT) seq: number;
}

/**
 * The usual save-answer body — `{ response, seq }` with a positive integer seq, nothing else — or null. Checked
 * without class-validator (the global ValidationPipe was 8 % of the save profile) by SaveAnswerPipe and the save's
 * fast lane (web/save-fast-lane.ts); anything else goes through the ValidationPipe, so errors read as always.
 */
export function plainSaveBody(value: unknown): SaveAnswerDto | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (!Object.keys(v).every((k) => k === 'response' || k === 'seq')) return null;
  const seq = v.seq;
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1 || seq > MAX_INT) return null;
  return { response: v.response, seq };
}

export class EventDto {
  /** @example focus-loss */
  @ApiProperty({ enum: ['focus-loss', 'focus-return', 'visibility-hidden', 'visibility-visible'] })
  @IsIn(['focus-loss', 'focus-return', 'visibility-hidden', 'visibility-visible'])
  type: string;
  /** @example visibilitychange */
  @IsOptional() @IsString() @MaxLength(500) detail?: string;
}

export class ExtendDto {
  /** @example 15 */
  @IsInt() @Min(1) @Max(600) minutes: number;
  /** 原因（记入考生的记录） @example 考场停电二十分钟 */
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason: string;
}

export class ReasonDto {
  /** @example 考试期间离开考场 */
  @IsString() @MinLength(2) @MaxLength(500) reason: string;
}

export class PracticeStartDto {
  @ApiPropertyOptional({ description: '法规 code 或名称' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  regulation?: string;
  /** @example common */
  @ApiPropertyOptional({ enum: ['common', ...BUSINESS_LINES] })
  @IsOptional()
  @IsIn(['common', ...BUSINESS_LINES])
  curriculum?: string;
  @ApiPropertyOptional({ description: '从错题本练习' }) @IsOptional() @IsBoolean() notebook?: boolean;
  /** 只练错题本中的这一道题（须同时 notebook: true）：打开错题时用。 @example 101 */
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  questionId?: number;
  /** @example 10 */
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(50) count?: number;
}

export class PracticeAnswerDto {
  /** @example 101 */
  @IsInt() @Min(1) @Max(MAX_INT) questionId: number;
  /** @example 230 */
  @IsInt() @Min(1) @Max(MAX_INT) revisionId: number;
  /** 练习发题时返回的 practiceItemId（可省略：取本人该题最近一次未作答的发题） @example 5012 */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT)
  practiceItemId?: number;
  /** 按显示位置作答（第一个显示的选项为 A）。 @example B */
  @ApiProperty(ANSWER_SCHEMA) @IsOptional() @Nullable() response: unknown;
}

export class ItemStatsQuery {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) bankId: number;
  @ApiPropertyOptional({ default: 1, description: '至少作答过多少次的题目' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  minShown?: number;
}

/** Repairing an exam whose stored configuration is broken: a new blueprint and/or audience. */
@AtLeastOneField()
export class RepairExamDto {
  @ApiPropertyOptional({ type: BlueprintDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BlueprintDto)
  blueprint?: BlueprintDto;
  @ApiPropertyOptional({
    type: AudienceDto,
    example: { unitIds: [], lines: ['care'], enforcementOnly: true, userIds: [] },
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience?: AudienceDto;
}

export class MarkDto {
  /** Points per rubric point, in rubric order (whole or half points). @example [2, 0.5, 1] */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsNumber({}, { each: true })
  awards: number[];
  /** @example 要点二表述不完整 */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}

export class RemarkDto extends MarkDto {
  /** Why the final score is marked again (kept in the audit log). @example 考生申请复核，要点三漏评 */
  @IsString() @MinLength(2) @MaxLength(500) reason: string;
}

export class NextMarkingQuery {
  /** @example 101 */
  @Type(() => Number) @IsInt() @Min(1) @Max(MAX_INT) questionId: number;
  /** The case's sub-question (0-based); absent for a short-answer question. @example 2 */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(20) sub?: number;
}
