import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/decorators';
import { ACCESS, type AuthUser } from '../common/roles';
import { CurriculumService } from './curriculum.service';
import { CreateRegulationDto } from './dto/regulation.dto';

@ApiTags('regulations')
@ApiBearerAuth()
@Controller('regulations')
export class CurriculumController {
  constructor(private readonly curriculum: CurriculumService) {}

  @Get()
  @ApiQuery({ name: 'curriculum', required: false })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD' })
  list(@Query('curriculum') curriculum?: string, @Query('asOf') asOf?: string) {
    return this.curriculum.list({
      curriculum,
      asOf: asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : undefined,
    });
  }

  /** 立: a new document (trainers, admins); versions are uploaded with POST :code/versions. */
  @Post()
  @Roles(...ACCESS.trainers)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateRegulationDto) {
    return this.curriculum.createRegulation(user, dto);
  }

  @Get(':code')
  get(@Param('code') code: string) {
    return this.curriculum.getByCode(code);
  }

  @Get(':code/articles/:number')
  article(@Param('code') code: string, @Param('number', ParseIntPipe) number: number) {
    return this.curriculum.article(code, number);
  }
}
