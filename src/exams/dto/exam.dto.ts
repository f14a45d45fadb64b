import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
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
import { AtLeastOneField, MAX_INT, Nullable } from '../../common/validation';
import { QUESTION_TYPES, type QuestionType } from '../../question-bank/question.types';
import { EXAM_KINDS, REVIEW_POLICIES, type ExamKind, type ReviewPolicy } from '../exam.entity';

export class RuleDto {
  @IsIn(QUESTION_TYPES) type: QuestionType;
  @IsInt() @Min(1) @Max(500) count: number;
  @IsNumber() @Min(0.01) @Max(1000) points: number;
}

export class MixDto {
  @IsNumber() @Min(0) @Max(1) easy: number;
  @IsNumber() @Min(0) @Max(1) medium: number;
  @IsNumber() @Min(0) @Max(1) hard: number;
}

export class SourceDto {
  @ApiProperty({ enum: ['common', 'specialty', 'banks', 'regulations'] })
  @IsIn(['common', 'specialty', 'banks', 'regulations'])
  kind: 'common' | 'specialty' | 'banks' | 'regulations';
  @IsOptional() @IsArray() @IsInt({ each: true }) bankIds?: number[];
  @IsOptional() @IsArray() @IsInt({ each: true }) regulationIds?: number[];
}

export class PartDto {
  @IsString() @MinLength(1) @MaxLength(40) key: string;
  @IsString() @MinLength(1) @MaxLength(100) title: string;
  @ValidateNested() @Type(() => SourceDto) source: SourceDto;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => RuleDto) rules: RuleDto[];
  @IsOptional() @ValidateNested() @Type(() => MixDto) difficultyMix?: MixDto;
  @IsOptional() @IsNumber() @Min(0) @Max(100_000) passMark?: number;
}

export class BlueprintDto {
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => PartDto) parts: PartDto[];
  @IsNumber() @Min(0) @Max(100_000) passMark: number;
}

export class AudienceDto {
  @IsOptional() @IsArray() @IsInt({ each: true }) unitIds?: number[];
  @IsOptional() @IsArray() @IsIn(BUSINESS_LINES, { each: true }) lines?: string[];
  @IsOptional() @IsBoolean() enforcementOnly?: boolean;
  @IsOptional() @IsArray() @IsInt({ each: true }) userIds?: number[];
}

export class CreateExamDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) title: string;
  @ApiProperty({ enum: EXAM_KINDS }) @IsIn(EXAM_KINDS) kind: ExamKind;
  @ApiPropertyOptional() @IsOptional() @Nullable() @IsString() @MaxLength(2000) description?: string | null;
  @ApiProperty({ type: BlueprintDto }) @ValidateNested() @Type(() => BlueprintDto) blueprint: BlueprintDto;
  @ApiPropertyOptional({ description: 'null = 不限时' })
  @IsOptional()
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  timeLimitMinutes?: number | null;
  @ApiPropertyOptional() @IsOptional() @Nullable() @IsDateString() opensAt?: string | null;
  @ApiPropertyOptional() @IsOptional() @Nullable() @IsDateString() closesAt?: string | null;
  @ApiPropertyOptional() @IsOptional() @Nullable() @IsDateString() resitOpensAt?: string | null;
  @ApiPropertyOptional() @IsOptional() @Nullable() @IsDateString() resitClosesAt?: string | null;
  @ApiPropertyOptional({ description: '0 = 不限次数' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  attemptsAllowed?: number;
  @ApiPropertyOptional({ enum: ['highest', 'last'] }) @IsOptional() @IsIn(['highest', 'last']) grading?:
    | 'highest'
    | 'last';
  @ApiPropertyOptional() @IsOptional() @IsBoolean() shuffleQuestions?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() shuffleOptions?: boolean;
  @ApiPropertyOptional({ enum: REVIEW_POLICIES })
  @IsOptional()
  @IsIn(REVIEW_POLICIES)
  reviewPolicy?: ReviewPolicy;
  @ApiPropertyOptional({ enum: ['all-or-nothing', 'partial'] })
  @IsOptional()
  @IsIn(['all-or-nothing', 'partial'])
  multipleMode?: 'all-or-nothing' | 'partial';
  @ApiPropertyOptional({ description: 'null = 不限' })
  @IsOptional()
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxFocusLoss?: number | null;
  @ApiPropertyOptional({ type: AudienceDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience?: AudienceDto;
}

@AtLeastOneField()
export class UpdateExamDto extends PartialType(CreateExamDto) {}

export class SaveAnswerDto {
  @ApiProperty({
    description: "单选 'B'；多选 ['A','C']；判断 true/false；填空 ['答案1','答案2']；null 表示清空",
  })
  @IsOptional()
  @Nullable()
  response: unknown;
  @ApiProperty({ description: '每次保存递增（1 起）' }) @IsInt() @Min(1) @Max(MAX_INT) seq: number;
}

export class EventDto {
  @ApiProperty({ enum: ['focus-loss', 'focus-return', 'visibility-hidden', 'visibility-visible'] })
  @IsIn(['focus-loss', 'focus-return', 'visibility-hidden', 'visibility-visible'])
  type: string;
  @IsOptional() @IsString() @MaxLength(500) detail?: string;
}

export class ExtendDto {
  @IsInt() @Min(1) @Max(600) minutes: number;
}

export class ReasonDto {
  @IsString() @MinLength(2) @MaxLength(500) reason: string;
}

export class PracticeStartDto {
  @ApiPropertyOptional({ description: '法规 code 或名称' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  regulation?: string;
  @ApiPropertyOptional({ enum: ['common', ...BUSINESS_LINES] })
  @IsOptional()
  @IsIn(['common', ...BUSINESS_LINES])
  curriculum?: string;
  @ApiPropertyOptional({ description: '从错题本练习' }) @IsOptional() @IsBoolean() notebook?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(50) count?: number;
}

export class PracticeAnswerDto {
  @IsInt() questionId: number;
  @IsInt() revisionId: number;
  @IsOptional() @Nullable() response: unknown;
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
  @ApiPropertyOptional({ type: AudienceDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience?: AudienceDto;
}
