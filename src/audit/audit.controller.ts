import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators';
import { ACCESS } from '../common/roles';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Roles(...ACCESS.admins)
  @Get()
  list(@Query('entity') entity?: string, @Query('entityId') entityId?: string) {
    return this.audit.list({ entity, entityId });
  }
}
