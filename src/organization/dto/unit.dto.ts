import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { AtLeastOneField, Nullable } from '../../common/validation';
import { STATION_LEVELS, UNIT_KINDS, type StationLevel, type UnitKind } from '../unit.entity';

export class CreateUnitDto {
  @ApiProperty({ example: '光明街道退役军人服务站' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  kind: UnitKind;

  @ApiProperty({ enum: STATION_LEVELS, required: false })
  @IsOptional()
  @IsIn(STATION_LEVELS)
  level?: StationLevel;

  @ApiProperty({ required: false, description: '上级单位；只有根（局）没有上级' })
  @IsOptional()
  @IsInt()
  parentId?: number;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsInt()
  sortOrder?: number;

  @ApiProperty({
    required: false,
    nullable: true,
    description: '负责人（本单位或下级单位的账号）；null = 清除',
  })
  @IsOptional()
  @Nullable()
  @IsInt()
  leaderId?: number | null;
}

@AtLeastOneField()
export class UpdateUnitDto extends PartialType(CreateUnitDto) {}
