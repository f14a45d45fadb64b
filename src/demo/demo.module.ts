import { Module } from '@nestjs/common';
import { CertificationModule } from '../certification/certification.module';
import { ExamsModule } from '../exams/exams.module';
import { IdentityModule } from '../identity/identity.module';
import { OrganizationModule } from '../organization/organization.module';
import { DemoService } from './demo.service';

@Module({
  imports: [IdentityModule, OrganizationModule, ExamsModule, CertificationModule],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
