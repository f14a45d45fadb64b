import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { BUSINESS_LINES, CURRICULA } from '../../common/business-lines';
import { AtLeastOneField, Nullable } from '../../common/validation';
import { CAMPAIGN_KINDS, type CampaignKind } from '../campaign.entity';
import { MATERIAL_KINDS, type MaterialKind } from '../study-material.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ArticleRefDto {
  /** @example 退役军人保障法 */
  @ApiProperty({ description: '法规 code 或名称' }) @IsString() @MaxLength(200) regulation: string;
  /** @example 22 */
  @ApiProperty() @IsInt() @Min(1) @Max(5000) article: number;
}

export class CreateMaterialDto {
  /** @example case */
  @ApiProperty({ enum: MATERIAL_KINDS }) @IsIn(MATERIAL_KINDS) kind: MaterialKind;
  /** @example 退役士兵安置待遇争议案 */
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(200) title: string;
  /** @example resettlement */
  @ApiProperty({ enum: CURRICULA }) @IsIn(CURRICULA) curriculum: string;
  /** @example 某区退役士兵张某…… */
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100_000) body: string;
  @ApiPropertyOptional({ type: [ArticleRefDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ArticleRefDto)
  articles?: ArticleRefDto[];
}

@AtLeastOneField()
export class UpdateMaterialDto extends PartialType(CreateMaterialDto) {}

export class HeartbeatDto {
  /** @example veterans-protection-law */
  @ApiPropertyOptional({ description: '正在阅读的法规（code）' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  regulationCode?: string;

  @ApiPropertyOptional({ description: '正在阅读的学习资料' })
  @IsOptional()
  @IsInt()
  @Min(1)
  materialId?: number;

  /** @example true */
  @ApiPropertyOptional({ description: '页面是否在前台且有操作；false 视为空闲' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  /** @example 5 */
  @ApiProperty({ description: '距最近一次操作（滚动、按键、点击）的秒数' })
  @IsNumber()
  @Min(0)
  @Max(86400 * 7)
  secondsSinceActivity: number;
}

export class AudienceDto {
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @IsInt({ each: true }) unitIds?: number[];
  @ApiPropertyOptional({ enum: BUSINESS_LINES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(BUSINESS_LINES, { each: true })
  lines?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enforcementOnly?: boolean;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @IsInt({ each: true }) userIds?: number[];
}

export class StudyMaterialsDto {
  @ApiPropertyOptional({ type: [String], description: '法规 code 或名称' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  regulations?: string[];

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  materialIds?: number[];
}

export class CreateCampaignDto {
  @ApiProperty({ example: '2026年法规学习月' }) @IsString() @MinLength(2) @MaxLength(200) title: string;
  @ApiProperty({ enum: CAMPAIGN_KINDS }) @IsIn(CAMPAIGN_KINDS) kind: CampaignKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiProperty({ example: '2026-04-01' })
  @Matches(DATE, { message: 'startsOn 应为 YYYY-MM-DD' })
  startsOn: string;
  @ApiProperty({ example: '2026-04-30' })
  @Matches(DATE, { message: 'endsOn 应为 YYYY-MM-DD' })
  endsOn: string;
  @ApiProperty({ example: 4 }) @IsNumber() @Min(0) @Max(1000) requiredHours: number;
  @ApiPropertyOptional({ type: AudienceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience?: AudienceDto;
  @ApiPropertyOptional({ type: StudyMaterialsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => StudyMaterialsDto)
  materials?: StudyMaterialsDto;
}

export class CreateGroupStudyDto {
  @ApiProperty({ example: '2026-03-10' })
  @Matches(DATE, { message: 'heldOn 应为 YYYY-MM-DD' })
  heldOn: string;
  @ApiProperty({ example: '党组理论学习中心组集体学法：退役军人保障法' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  topic: string;
  @ApiProperty({ example: 90 }) @IsInt() @Min(1) @Max(600) minutes: number;
  @ApiPropertyOptional({ type: StudyMaterialsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => StudyMaterialsDto)
  materials?: StudyMaterialsDto;
  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  attendeeIds: number[];
  @ApiPropertyOptional({ description: 'null 或不填 = 不属于学习活动' })
  @IsOptional()
  @Nullable()
  @IsInt()
  @Min(1)
  campaignId?: number | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class SearchQuery {
  @ApiProperty({ description: '检索词（空格分隔，最多 5 个）' }) @IsString() @MaxLength(200) q: string;
  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset?: number;
}
