/**
 * The certificate register's spreadsheet: its template, and its import (same rules as the roster import: dry run by
 * default, mode=all|valid, errors per row and column; nobody registers a certificate of their own).
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../common/app-config.module';
import type { AppConfig } from '../common/config';
import { localDay } from '../common/dates';
import { AppError } from '../common/errors';
import { type ImportOptions, rejectIfInvalid } from '../common/imports';
import type { AuthUser } from '../common/roles';
import { readKeyedSheetInWorker, toXlsx } from '../common/sheet';
import type { Upload } from '../common/upload';
import { TxService } from '../database/tx.service';
import { UsersService } from '../identity/users.service';
import { AccessService } from '../organization/access.service';
import { UnitsService } from '../organization/units.service';
import { CERTIFICATE_IMPORT_HEADERS, validateCertificateImport } from './certificate-import';
import { CertificateIssuer } from './certificate-issuer';
import { Certificate } from './certificate.entity';
import { CertificateImportResponse } from './certificate.response';

@Injectable()
export class CertificateImportService {
  constructor(
    @InjectRepository(Certificate) private readonly certificates: Repository<Certificate>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly units: UnitsService,
    private readonly access: AccessService,
    private readonly tx: TxService,
    private readonly audit: AuditService,
    private readonly issuer: CertificateIssuer,
  ) {}

  template(): Promise<Buffer> {
    return toXlsx('证书登记', CERTIFICATE_IMPORT_HEADERS, [
      ['S0001', '张三', '甲A2024000123', '行政执法资格证', '2024-05-01', '2029-04-30', '区司法局'],
      ['S0002', '李四', 'PX-2025-0088', '培训合格证', '2025-03-15', '', '市退役军人事务局'],
    ]);
  }

  /** Register import: same rules as the roster import (dry run by default, mode=all|valid, row errors). */
  async import(actor: AuthUser, upload: Upload, opts: ImportOptions): Promise<CertificateImportResponse> {
    const parsed = await readKeyedSheetInWorker(upload.fileName, upload.data, upload.progress);
    if (!parsed.ok)
      throw AppError.unprocessable(`${upload.fileName}：${parsed.message}`, [{ message: parsed.message }]);
    const sheet = parsed.sheet;
    const staffNos = [...new Set(sheet.rows.map((r) => (r.cells['工号'] ?? '').trim()).filter(Boolean))];
    const people = new Map((await this.users.findByStaffNos(staffNos)).map((u) => [u.staffNo as string, u]));
    const root = await this.access.scopeRootPath(actor);
    const unitPaths = new Map((await this.units.findAll()).map((u) => [u.id, u.path]));
    const numbers = [...new Set(sheet.rows.map((r) => (r.cells['证书编号'] ?? '').trim()).filter(Boolean))];
    const existing = new Map<string, number>();
    for (let i = 0; i < numbers.length; i += 500) {
      const found = await this.certificates.find({
        where: { number: In(numbers.slice(i, i + 500)) },
        select: { number: true, userId: true },
      });
      for (const c of found) existing.set(c.number, c.userId);
    }
    const { rows, errors, unchanged } = validateCertificateImport(sheet, {
      holder: (staffNo) => {
        const u = people.get(staffNo);
        if (!u) return 'missing';
        if (u.id === actor.id) return 'self';
        if (root !== null && !(unitPaths.get(u.unitId ?? -1) ?? '').startsWith(root)) return 'out-of-scope';
        return { id: u.id, name: u.name };
      },
      numberHolder: (n) => existing.get(n),
      validityYears: this.config.certificates.validityYears,
      today: localDay(),
    });
    const summary = {
      dryRun: opts.dryRun,
      fileName: upload.fileName,
      rows: rows.length + unchanged,
      created: rows.length,
      unchanged,
      errors,
    };
    rejectIfInvalid(upload.fileName, errors, summary, opts);
    if (opts.dryRun || rows.length === 0) return { ...summary, written: false };
    upload.progress.writing(0, rows.length, '本');
    await this.tx.run(async (m) => {
      for (const r of rows) {
        const saved = await this.issuer.issue(m, actor.id, {
          kind: r.kind,
          userId: r.userId,
          number: r.number,
          issuedOn: r.issuedOn,
          expiresOn: r.expiresOn,
          source: 'registered',
          issuer: r.issuer,
        });
        if (!saved) throw AppError.conflict(`证书编号“${r.number}”已被登记，请重新导入`);
      }
      await this.audit.record(m, {
        actorId: actor.id,
        action: 'certificate.import',
        entity: 'certificate',
        detail: { fileName: upload.fileName, numbers: rows.map((r) => r.number) },
      });
    });
    return { ...summary, written: true };
  }
}
