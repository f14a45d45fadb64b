import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { OrganizationModule } from '../organization/organization.module';
import { DemoService } from './demo.service';

@Module({
  imports: [IdentityModule, OrganizationModule],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
