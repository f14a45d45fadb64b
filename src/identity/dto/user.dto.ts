import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { BUSINESS_LINES, type BusinessLine } from '../../common/business-lines';
import { PageQuery } from '../../common/query';
import { ROLES, type Role } from '../../common/roles';
import { AtLeastOneField, Nullable } from '../../common/validation';

export class LoginDto {
  @ApiProperty({ example: 'staff' })
  @IsString()
  @MaxLength(60)
  username: string;

  @ApiProperty({ example: 'Demo@2026' })
  @IsString()
  @MaxLength(128)
  password: string;
}

export class ChangePasswordDto {
  /** @example Demo@2026 */
  @ApiProperty()
  @IsString()
  @MaxLength(128)
  currentPassword: string;

  /** @example Xuefa#2026-new */
  @ApiProperty()
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  newPassword: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'S0101' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{2,60}$/, { message: '登录名只能包含字母、数字和 . _ -' })
  username: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  name: string;

  @ApiPropertyOptional({ description: '初始密码；不填则生成随机密码并在响应中返回一次' })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  password?: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ description: 'null = 清除' })
  @IsOptional()
  @Nullable()
  @IsString()
  @MaxLength(40)
  staffNo?: string | null;

  @ApiPropertyOptional({ description: 'null = 不属于任何单位' })
  @IsOptional()
  @Nullable()
  @IsInt()
  unitId?: number | null;

  @ApiPropertyOptional({ description: 'null = 清除' })
  @IsOptional()
  @Nullable()
  @IsString()
  @MaxLength(100)
  postTitle?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  civilServant?: boolean;

  @ApiPropertyOptional({ description: '是否执法岗位' })
  @IsOptional()
  @IsBoolean()
  enforcementPost?: boolean;

  @ApiPropertyOptional({ enum: BUSINESS_LINES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(BUSINESS_LINES, { each: true })
  businessLines?: BusinessLine[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  leader?: boolean;

  /**
   * Must the holder change the password at the next sign-in (default true on create: the password was set by
   * someone else). false for an account whose holder chose the password themselves.
   */
  @ApiPropertyOptional({ description: '下次登录时须修改密码（新建账号默认 true）' })
  @IsOptional()
  @IsBoolean()
  mustChangePassword?: boolean;
}

@AtLeastOneField()
export class UpdateUserDto extends PartialType(CreateUserDto) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ description: '单位（含下级单位）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  unitId?: number;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: BUSINESS_LINES })
  @IsOptional()
  @IsIn(BUSINESS_LINES)
  line?: BusinessLine;

  @ApiPropertyOptional({ description: '姓名、登录名或工号' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  q?: string;
}
