import { ApiEnum } from '../common/openapi';
import { CERTIFICATE_KINDS } from './certificate.entity';
import { CERTIFICATE_STATUS_LABELS, maskName, statusOn, type CertificateStatus } from './certificate-rules';
import { localDay } from '../common/dates';
import { ImportIssueResponse } from '../common/import.response';
import {
  CERTIFICATE_KIND_LABELS,
  type Certificate,
  type CertificateKind,
  type CertificateSource,
} from './certificate.entity';

/** What managers and the holder see of a certificate (never the verification code except on the print page). */
export class CertificateResponse {
  /** @example 3 */
  id: number;
  @ApiEnum(CERTIFICATE_KINDS)
  kind: CertificateKind;
  /** @example 行政执法资格证书 */
  kindLabel: string;
  /** @example XZZF-2026-00003 */
  number: string;
  /** @example 5 */
  userId: number;
  /** @example 王学员 */
  holderName?: string;
  /** @example S0001 */
  staffNo?: string;
  /** @example 7 */
  unitId?: number;
  /** @example 优抚褒扬科 */
  unitName?: string;
  /** @example 2026-05-01 */
  issuedOn: string;
  /** @example 2031-04-30 */
  expiresOn: string;
  /** Today's status. */
  @ApiEnum(Object.keys(CERTIFICATE_STATUS_LABELS))
  status: CertificateStatus;
  /** @example 有效 */
  statusLabel: string;
  /** @example null */
  statusReason: string | null;
  /** @example null */
  statusSince: string | null;
  @ApiEnum(['exam', 'registered', 'renewal'])
  source: CertificateSource;
  /** @example 区司法局 */
  issuer: string | null;
  /** @example 2 */
  examId: number | null;
  /** @example null */
  renewsId: number | null;
}

export class CertificateDetailResponse extends CertificateResponse {
  /** The certificate that renewed this one. @example null */
  renewedById: number | null;
}

export class CertificateListResponse {
  /** @example 20 */
  total: number;
  /** @example 1 */
  page: number;
  /** @example 50 */
  pageSize: number;
  items: CertificateResponse[];
}

/** The public verification answer: validity and a masked name, nothing else. */
export class VerificationResponse {
  /** @example XZZF-2026-00003 */
  number: string;
  /** @example 行政执法资格证书 */
  kindLabel: string;
  /** @example true */
  valid: boolean;
  @ApiEnum(Object.keys(CERTIFICATE_STATUS_LABELS))
  status: CertificateStatus;
  /** @example 有效 */
  statusLabel: string;
  /** @example 王*员 */
  holder: string;
}

export class CertificateImportResponse {
  /** @example true */
  dryRun: boolean;
  /** @example 证书登记.xlsx */
  fileName: string;
  /** @example 12 */
  rows: number;
  /** @example 10 */
  created: number;
  /** @example 2 */
  unchanged: number;
  errors: ImportIssueResponse[];
  /** @example false */
  written: boolean;
}

export interface HolderInfo {
  name: string;
  staffNo: string | null;
  unitId: number | null;
  unitName: string | null;
}

export function toCertificateResponse(
  c: Certificate,
  holder?: HolderInfo,
  today = localDay(),
): CertificateResponse {
  const status = statusOn(c, today);
  return {
    id: c.id,
    kind: c.kind,
    kindLabel: CERTIFICATE_KIND_LABELS[c.kind],
    number: c.number,
    userId: c.userId,
    holderName: holder?.name,
    staffNo: holder?.staffNo ?? undefined,
    unitId: holder?.unitId ?? undefined,
    unitName: holder?.unitName ?? undefined,
    issuedOn: c.issuedOn,
    expiresOn: c.expiresOn,
    status,
    statusLabel: CERTIFICATE_STATUS_LABELS[status],
    statusReason: c.statusReason,
    statusSince: c.statusSince,
    source: c.source,
    issuer: c.issuer,
    examId: c.examId,
    renewsId: c.renewsId,
  };
}

export function toVerificationResponse(
  c: Certificate,
  holderName: string,
  today = localDay(),
): VerificationResponse {
  const status = statusOn(c, today);
  return {
    number: c.number,
    kindLabel: CERTIFICATE_KIND_LABELS[c.kind],
    valid: status === 'valid',
    status,
    statusLabel: CERTIFICATE_STATUS_LABELS[status],
    holder: maskName(holderName),
  };
}
