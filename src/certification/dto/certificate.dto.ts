import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../common/query';
import { CERTIFICATE_KINDS, type CertificateKind } from '../certificate.entity';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MESSAGE = '日期格式应为 YYYY-MM-DD';

export class RegisterCertificateDto {
  @ApiPropertyOptional({ description: '持证人账号 id（与工号二选一）' })
  @IsOptional()
  @IsInt()
  userId?: number;

  @ApiPropertyOptional({ example: 'S0003', description: '持证人工号' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  staffNo?: string;

  @ApiProperty({ enum: CERTIFICATE_KINDS, example: 'enforcement' })
  @IsIn(CERTIFICATE_KINDS)
  kind: CertificateKind;

  @ApiProperty({ example: '甲A2024000123' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  number: string;

  @ApiProperty({ example: '2024-05-01' })
  @Matches(DAY, { message: DAY_MESSAGE })
  issuedOn: string;

  @ApiPropertyOptional({ example: '2029-04-30', description: '默认为发证日期起 CERT_VALIDITY_YEARS 年' })
  @IsOptional()
  @Matches(DAY, { message: DAY_MESSAGE })
  expiresOn?: string;

  @ApiPropertyOptional({ example: '区司法局' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  issuer?: string;
}

export class StatusChangeDto {
  @ApiProperty({ example: '调离执法岗位' })
  @IsString()
  @MinLength(2, { message: '请填写原因（至少 2 个字）' })
  @MaxLength(500)
  reason: string;
}

export class RenewCertificateDto {
  @ApiPropertyOptional({ example: '2026-05-01', description: '默认为今天' })
  @IsOptional()
  @Matches(DAY, { message: DAY_MESSAGE })
  issuedOn?: string;

  @ApiPropertyOptional({ example: '2031-04-30' })
  @IsOptional()
  @Matches(DAY, { message: DAY_MESSAGE })
  expiresOn?: string;

  @ApiPropertyOptional({ description: '外单位换发的证书编号；不填则按编号规则生成' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  number?: string;
}

export class ListCertificatesQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  unitId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  userId?: number;

  @ApiPropertyOptional({ enum: CERTIFICATE_KINDS })
  @IsOptional()
  @IsIn(CERTIFICATE_KINDS)
  kind?: CertificateKind;
}

export class VerifyQuery {
  @ApiProperty()
  @IsString()
  @MaxLength(40)
  number: string;

  @ApiProperty()
  @IsString()
  @MaxLength(16)
  code: string;
}
