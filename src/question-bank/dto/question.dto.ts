import { ApiPropertyOptional } from '@nestjs/swagger';
import { ANSWER_SCHEMA } from '../../common/openapi';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  CURRICULA,
  OPTION_KEYS,
  QUESTION_STATUSES,
  QUESTION_TYPES,
  type Curriculum,
  type QuestionStatus,
  type QuestionType,
} from '../question.types';
import { PageQuery } from '../../common/query';
import { AtLeastOneField } from '../../common/validation';

export class ListQuestionsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() bankId?: number;
  @ApiPropertyOptional({ enum: QUESTION_TYPES }) @IsOptional() @IsIn(QUESTION_TYPES) type?: QuestionType;
  @ApiPropertyOptional({ enum: QUESTION_STATUSES })
  @IsOptional()
  @IsIn(QUESTION_STATUSES)
  status?: QuestionStatus;
  @ApiPropertyOptional({ description: '法规 code 或名称' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  regulation?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() article?: number;
  @ApiPropertyOptional({ description: 'true：只看待复核（needs-review）的题目' })
  @IsOptional()
  @IsIn(['true', 'false'])
  needsReview?: string;
  @ApiPropertyOptional({ description: '题干文字' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class OptionDto {
  /** @example A */
  @IsIn(OPTION_KEYS) key: string;
  /** @example 2021年1月1日 */
  @IsString() @MinLength(1) @MaxLength(1000) text: string;
}

export class CitationDto {
  /** @example 退役军人保障法 */
  @IsString() @MinLength(1) @MaxLength(100) regulation: string;
  /** @example 85 */
  @IsInt() @Min(1) article: number;
  @IsOptional() @IsInt() @Min(1) paragraph?: number;
}

/** Editing creates a new revision of the question; any field left out keeps its current value. */
@AtLeastOneField()
export class EditQuestionDto {
  /** @example 退役军人保障法自何时起施行？ */
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(2000) stem?: string;
  @ApiPropertyOptional({ type: [OptionDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OptionDto)
  options?: OptionDto[];
  @ApiPropertyOptional({
    description:
      "单选 'B'；多选 ['A','C']；判断 true/false；填空 [['答案','同义答案'], …]；" +
      '简答 { reference, rubric: [{ point, points, citation?, keywords }] }（分值为0.5的倍数）；' +
      '案例 { questions: [{ type, stem, options, answer, points, citation? }] }（简答小题的分值为评分要点之和）',
    ...ANSWER_SCHEMA,
  })
  /** @example B */
  @IsOptional()
  answer?: unknown;
  /** @example 《退役军人保障法》第八十五条规定，本法自2021年1月1日起施行。 */
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) explanation?: string;
  /** @example 3 */
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(5) difficulty?: number;
  @ApiPropertyOptional({ type: CitationDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CitationDto)
  citation?: CitationDto;
  /** @example ["施行日期"] */
  @ApiPropertyOptional() @IsOptional() @IsArray() @IsString({ each: true }) tags?: string[];
}

export class FlagDto {
  /** @example true */
  @ApiPropertyOptional() @IsBoolean() needsReview: boolean;
  /** @example 条文已修改，请核对答案 */
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class CreateBankDto {
  /** @example resettlement-2026 */
  @IsString() @MinLength(2) @MaxLength(80) code: string;
  /** @example 安置业务题库（2026） */
  @IsString() @MinLength(1) @MaxLength(200) title: string;
  /** @example resettlement */
  @IsIn(CURRICULA) curriculum: Curriculum;
  /** @example ["veterans-resettlement-regulation"] */
  @IsOptional() @IsArray() @IsString({ each: true }) regulations?: string[];
  @IsOptional() @IsString() @MaxLength(2000) description?: string;
}
