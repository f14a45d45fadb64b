/**
 * Issues certificates: numbers them from the configured pattern (one counter upsert per number, so parallel issues
 * never clash) and audits each, always inside the caller's transaction. The one writer of certificate rows for
 * exams, registrations, renewals, imports and the demo data.
 */
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { TxService } from '../database/tx.service';
import { counterKey, defaultExpiry, formatNumber, randomVerificationCode } from './certificate-rules';
import { Certificate, CertificateKind, CertificateSource } from './certificate.entity';

export interface NewCertificate {
  kind: CertificateKind;
  userId: number;
  number?: string;
  issuedOn: string;
  expiresOn?: string;
  source: CertificateSource;
  issuer?: string | null;
  examId?: number | null;
  sourceAttemptId?: number | null;
  renewsId?: number | null;
}

@Injectable()
export class CertificateIssuer {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TxService,
    private readonly audit: AuditService,
  ) {}

  /** Inserts a certificate (numbering it when no number is given) and audits it, in the caller's transaction. */
  async issue(m: EntityManager, actorId: number | null, c: NewCertificate): Promise<Certificate | null> {
    const number = c.number ?? (await this.nextNumber(m, c.kind, Number(c.issuedOn.slice(0, 4))));
    const values = {
      kind: c.kind,
      userId: c.userId,
      number,
      issuedOn: c.issuedOn,
      expiresOn: c.expiresOn ?? defaultExpiry(c.issuedOn, this.config.certificates.validityYears),
      status: null,
      statusSince: null,
      statusReason: null,
      source: c.source,
      issuer: c.issuer ?? null,
      examId: c.examId ?? null,
      sourceAttemptId: c.sourceAttemptId ?? null,
      renewsId: c.renewsId ?? null,
      verificationCode: randomVerificationCode(),
    };
    // ON CONFLICT DO NOTHING: a second insert for the same attempt or number is a no-op, never an error.
    await m.createQueryBuilder().insert().into(Certificate).values(values).orIgnore().execute();
    const saved = await m.getRepository(Certificate).findOne({ where: { number } });
    if (!saved || saved.verificationCode !== values.verificationCode) return null;
    await this.audit.record(m, {
      actorId,
      subjectId: c.userId,
      action: `certificate.${c.source === 'renewal' ? 'renew' : c.source === 'exam' ? 'issue' : 'register'}`,
      entity: 'certificate',
      entityId: saved.id,
      detail: {
        number,
        kind: c.kind,
        userId: c.userId,
        issuedOn: c.issuedOn,
        renewsId: c.renewsId ?? undefined,
      },
    });
    return saved;
  }

  /** The next number for a kind and year from the configured pattern; one upsert, so parallel issues never clash. */
  private async nextNumber(m: EntityManager, kind: CertificateKind, year: number): Promise<string> {
    const pattern =
      kind === 'enforcement'
        ? this.config.certificates.enforcementPattern
        : this.config.certificates.trainingPattern;
    const key = counterKey(pattern, year);
    for (;;) {
      const rows: { value: number }[] = await m.query(
        ...this.tx.sql(
          `INSERT INTO certificate_counter (prefix, value) VALUES ($1, 1)
           ON CONFLICT (prefix) DO UPDATE SET value = certificate_counter.value + 1 RETURNING value`,
          [key],
        ),
      );
      const number = formatNumber(pattern, year, Number(rows[0].value));
      // A registered certificate from elsewhere may already carry this number: skip it.
      if (!(await m.getRepository(Certificate).exists({ where: { number } }))) return number;
    }
  }
}
