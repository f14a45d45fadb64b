import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CurriculumModule } from '../curriculum/curriculum.module';
import { IdentityModule } from '../identity/identity.module';
import { OrganizationModule } from '../organization/organization.module';
import { Campaign } from './campaign.entity';
import { GroupStudy } from './group-study.entity';
import { MaterialsService } from './materials.service';
import { MaterialsController, StudyController } from './study.controller';
import { StudyMaterial } from './study-material.entity';
import { StudyService } from './study.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([StudyMaterial, Campaign, GroupStudy]),
    CurriculumModule,
    IdentityModule,
    OrganizationModule,
  ],
  controllers: [MaterialsController, StudyController],
  providers: [MaterialsService, StudyService],
  exports: [StudyService, MaterialsService],
})
export class StudyModule {}
