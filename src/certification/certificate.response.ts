import { CERTIFICATE_STATUS_LABELS, maskName, statusOn } from './certificate-rules';
import { localDay } from '../common/dates';
import { CERTIFICATE_KIND_LABELS, type Certificate } from './certificate.entity';

export interface HolderInfo {
  name: string;
  staffNo: string | null;
  unitId: number | null;
  unitName: string | null;
}

/** What managers and the holder see of a certificate (never the verification code except on the print page). */
export function toCertificateResponse(c: Certificate, holder?: HolderInfo, today = localDay()) {
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

/** The public verification answer: validity and a masked name, nothing else. */
export function toVerificationResponse(c: Certificate, holderName: string, today = localDay()) {
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
