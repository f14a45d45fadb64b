import { ApiPropertyOptional } from '@nestjs/swagger';
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
  @IsIn(OPTION_KEYS) key: string;
  @IsString() @MinLength(1) @MaxLength(1000) text: string;
}

export class CitationDto {
  @IsString() @MinLength(1) @MaxLength(100) regulation: string;
  @IsInt() @Min(1) article: number;
  @IsOptional() @IsInt() @Min(1) paragraph?: number;
}

/** Editing creates a new revision of the question; any field left out keeps its current value. */
@AtLeastOneField()
export class EditQuestionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(2000) stem?: string;
  @ApiPropertyOptional({ type: [OptionDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OptionDto)
  options?: OptionDto[];
  @ApiPropertyOptional({
    description: "单选 'B'；多选 ['A','C']；判断 true/false；填空 [['答案','同义答案'], …]",
  })
  @IsOptional()
  answer?: unknown;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) explanation?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(5) difficulty?: number;
  @ApiPropertyOptional({ type: CitationDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CitationDto)
  citation?: CitationDto;
  @ApiPropertyOptional() @IsOptional() @IsArray() @IsString({ each: true }) tags?: string[];
}

export class FlagDto {
  @ApiPropertyOptional() @IsBoolean() needsReview: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class CreateBankDto {
  @IsString() @MinLength(2) @MaxLength(80) code: string;
  @IsString() @MinLength(1) @MaxLength(200) title: string;
  @IsIn(CURRICULA) curriculum: Curriculum;
  @IsOptional() @IsArray() @IsString({ each: true }) regulations?: string[];
  @IsOptional() @IsString() @MaxLength(2000) description?: string;
}
