import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CURRICULA } from '../../common/business-lines';
import { REGULATION_KINDS, type RegulationKind } from '../regulation.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateRegulationDto {
  @ApiProperty({ example: 'veterans-local-measures' })
  @Matches(/^[a-z0-9-]{2,80}$/, { message: 'code 只能包含小写字母、数字和 -（2–80 个字符）' })
  code: string;

  @ApiProperty() @IsString() @MinLength(2) @MaxLength(200) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) shortTitle?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  aliases?: string[];
  @ApiProperty({ enum: REGULATION_KINDS }) @IsIn(REGULATION_KINDS) kind: RegulationKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) issuer?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) docNumber?: string;
  @ApiProperty({ enum: CURRICULA }) @IsIn(CURRICULA) curriculum: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class RepealDto {
  @ApiProperty({ example: '2026-07-01', description: '废止日期 YYYY-MM-DD' })
  @Matches(DATE, { message: 'repealedOn 应为 YYYY-MM-DD' })
  repealedOn: string;

  @ApiPropertyOptional({ description: '替代文件的 code 或名称' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  replacedBy?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

/** Fields of the multipart version upload (besides `file`). */
export interface VersionUploadFields {
  label: string;
  adoptedOn: string | null;
  effectiveOn: string | null;
  note: string | null;
  excerpt: boolean;
  dryRun: boolean;
}

/** Reads and checks the plain fields of a version upload; 400 with details for bad ones. */
export function parseVersionFields(fields: Record<string, string | undefined>): {
  value?: VersionUploadFields;
  errors: { field: string; message: string }[];
} {
  const errors: { field: string; message: string }[] = [];
  const label = (fields.label ?? '').trim();
  if (!label || label.length > 100)
    errors.push({ field: 'label', message: '请填写版本名称（如“2026年修正”），最长100字' });
  const date = (name: string) => {
    const v = (fields[name] ?? '').trim();
    if (!v) return null;
    if (!DATE.test(v) || Number.isNaN(Date.parse(v))) {
      errors.push({ field: name, message: `${name} 应为 YYYY-MM-DD` });
      return null;
    }
    return v;
  };
  const adoptedOn = date('adoptedOn');
  const effectiveOn = date('effectiveOn');
  const flag = (name: string, def: boolean) => {
    const v = (fields[name] ?? '').trim();
    return v === '' ? def : /^(1|true|yes|on)$/i.test(v);
  };
  const note = (fields.note ?? '').trim() || null;
  if (errors.length) return { errors };
  return {
    value: {
      label,
      adoptedOn,
      effectiveOn,
      note,
      excerpt: flag('excerpt', false),
      dryRun: flag('dryRun', false),
    },
    errors,
  };
}
