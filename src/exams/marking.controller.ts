import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/decorators';
import { ACCESS, type AuthUser } from '../common/roles';
import { MarkDto, NextMarkingQuery, RemarkDto } from './dto/exam.dto';
import { MarkingService } from './marking.service';

/** 阅卷: written answers marked blind by the exam's trainers (see MarkingService). */
@ApiTags('marking')
@ApiBearerAuth()
@Controller()
export class MarkingController {
  constructor(private readonly marking: MarkingService) {}

  @Roles(...ACCESS.trainers)
  @Get('exams/:id/marking')
  progress(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.marking.progress(user, id);
  }

  @Roles(...ACCESS.trainers)
  @Get('exams/:id/marking/next')
  next(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Query() q: NextMarkingQuery) {
    return this.marking.next(user, id, q.questionId, q.sub);
  }

  @Roles(...ACCESS.trainers)
  @Get('exams/:id/marking/stats')
  stats(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.marking.stats(user, id);
  }

  @Roles(...ACCESS.trainers)
  @HttpCode(200)
  @Post('marking/:markingId')
  mark(@CurrentUser() user: AuthUser, @Param('markingId') markingId: string, @Body() dto: MarkDto) {
    return this.marking.mark(user, markingId, dto.awards, dto.comment);
  }

  @Roles(...ACCESS.trainers)
  @HttpCode(200)
  @Post('marking/:markingId/remark')
  remark(@CurrentUser() user: AuthUser, @Param('markingId') markingId: string, @Body() dto: RemarkDto) {
    return this.marking.remark(user, markingId, dto.awards, dto.reason, dto.comment);
  }
}
