import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExamsModule } from '../exams/exams.module';
import { IdentityModule } from '../identity/identity.module';
import { OrganizationModule } from '../organization/organization.module';
import { CertificateCounter } from './certificate-counter.entity';
import { Certificate } from './certificate.entity';
import { CertificatesController } from './certificates.controller';
import { CertificateImportService } from './certificate-import.service';
import { CertificateIssuer } from './certificate-issuer';
import { CertificatesService } from './certificates.service';
import { CertificationRepository } from './certification.repository';
import { CertificationSnapshot, CertificationSnapshotDay } from './certification-snapshot.entity';
import { VerifyPageController } from './verify-page.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Certificate,
      CertificateCounter,
      CertificationSnapshot,
      CertificationSnapshotDay,
    ]),
    ExamsModule,
    IdentityModule,
    OrganizationModule,
  ],
  controllers: [CertificatesController, VerifyPageController],
  providers: [CertificatesService, CertificateIssuer, CertificateImportService, CertificationRepository],
  exports: [CertificatesService],
})
export class CertificationModule {}
