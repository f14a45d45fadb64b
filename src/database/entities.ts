/** Every entity, listed once: used by the app, the TypeORM CLI and the migrations. */
import { AuditLog } from '../audit/audit-log.entity';
import { CertificateCounter } from '../certification/certificate-counter.entity';
import { Certificate } from '../certification/certificate.entity';
import { PostHistory } from '../certification/post-history.entity';
import {
  CertificationSnapshot,
  CertificationSnapshotDay,
} from '../certification/certification-snapshot.entity';
import { Article } from '../curriculum/article.entity';
import { RegulationVersion } from '../curriculum/regulation-version.entity';
import { Regulation } from '../curriculum/regulation.entity';
import { StudyCredit } from '../curriculum/study-credit.entity';
import { ReadingSession } from '../curriculum/reading-session.entity';
import { StudyClock } from '../curriculum/study-clock.entity';
import { StudyMaterial } from '../study/study-material.entity';
import { Campaign } from '../study/campaign.entity';
import { GroupStudy } from '../study/group-study.entity';
import { QuestionBank } from '../question-bank/question-bank.entity';
import { QuestionRevision } from '../question-bank/question-revision.entity';
import { Question } from '../question-bank/question.entity';
import { RevokedToken } from '../identity/revoked-token.entity';
import { User } from '../identity/user.entity';
import { Unit } from '../organization/unit.entity';
import { AttemptEvent } from '../exams/attempt-event.entity';
import { AttemptItem } from '../exams/attempt-item.entity';
import { Attempt } from '../exams/attempt.entity';
import { Exam } from '../exams/exam.entity';
import { ExamGrade } from '../exams/exam-grade.entity';
import { ItemStat } from '../exams/item-stat.entity';
import { WrongAnswer } from '../exams/wrong-answer.entity';
import { Setting } from './setting.entity';

export const ENTITIES = [
  Setting,
  AuditLog,
  Unit,
  User,
  Regulation,
  RegulationVersion,
  Article,
  QuestionBank,
  Question,
  QuestionRevision,
  Exam,
  Attempt,
  AttemptItem,
  AttemptEvent,
  ExamGrade,
  ItemStat,
  WrongAnswer,
  StudyCredit,
  Certificate,
  CertificateCounter,
  PostHistory,
  CertificationSnapshot,
  CertificationSnapshotDay,
  ReadingSession,
  StudyClock,
  StudyMaterial,
  Campaign,
  GroupStudy,
  RevokedToken,
];
