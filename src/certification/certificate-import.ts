/** Pure validation of a certificate register (证书登记表) upload: one certificate per row. */
import type { ErrorDetail } from '../common/errors';
import type { KeyedSheet } from '../common/sheet';
import { defaultExpiry, parseDay } from './certificate-rules';
import type { CertificateKind } from './certificate.entity';

export const CERTIFICATE_IMPORT_HEADERS = [
  '工号',
  '姓名',
  '证书编号',
  '证书类型',
  '发证日期',
  '有效期至',
  '发证机关',
];
const REQUIRED = ['工号', '证书编号', '发证日期'];

export interface CertificateImportRow {
  row: number;
  staffNo: string;
  userId: number;
  kind: CertificateKind;
  number: string;
  issuedOn: string;
  expiresOn: string;
  issuer: string | null;
}

export interface CertificateImportLookup {
  /** The account with this 工号: its id and name, or why it cannot be used. */
  holder(staffNo: string): { id: number; name: string } | 'missing' | 'out-of-scope' | 'self';
  /** The holder of an existing certificate with this number. */
  numberHolder(number: string): number | undefined;
  validityYears: number;
  today: string;
}

export function parseCertificateKind(value: string): CertificateKind | undefined {
  const v = value.trim();
  if (v === '' || ['enforcement', '行政执法资格证', '行政执法证', '执法证', '执法资格证'].includes(v))
    return 'enforcement';
  if (['training', '培训合格证', '培训证书', '培训结业证'].includes(v)) return 'training';
  return undefined;
}

export function validateCertificateImport(
  sheet: KeyedSheet,
  lookup: CertificateImportLookup,
): { rows: CertificateImportRow[]; errors: ErrorDetail[]; unchanged: number } {
  const errors: ErrorDetail[] = [];
  for (const h of sheet.headers.filter((x) => !CERTIFICATE_IMPORT_HEADERS.includes(x))) {
    errors.push({
      row: 1,
      column: sheet.columns[h],
      field: h,
      message: `未知的表头“${h}”，可用表头：${CERTIFICATE_IMPORT_HEADERS.join('、')}`,
    });
  }
  for (const h of REQUIRED) {
    if (!sheet.headers.includes(h)) errors.push({ row: 1, field: h, message: `缺少必需的表头“${h}”` });
  }
  if (errors.length) return { rows: [], errors, unchanged: 0 };
  if (sheet.rows.length === 0)
    return { rows: [], errors: [{ row: 2, message: '文件中没有证书数据' }], unchanged: 0 };

  const rows: CertificateImportRow[] = [];
  const seen = new Map<string, number>();
  let unchanged = 0;
  for (const { row, cells } of sheet.rows) {
    const before = errors.length;
    const err = (field: string, message: string) =>
      errors.push({ row, column: sheet.columns[field], field, message });

    const staffNo = cells['工号'] ?? '';
    let holder: { id: number; name: string } | undefined;
    if (!staffNo) err('工号', '工号不能为空');
    else {
      const h = lookup.holder(staffNo);
      if (h === 'missing') err('工号', `工号“${staffNo}”不存在，请先导入花名册`);
      else if (h === 'out-of-scope') err('工号', `工号“${staffNo}”属于您管辖范围以外的人员`);
      else if (h === 'self') err('工号', `工号“${staffNo}”是您本人：不能为本人登记证书，须由其他负责人办理`);
      else {
        holder = h;
        const name = cells['姓名'] ?? '';
        if (name && name !== h.name) err('姓名', `姓名“${name}”与工号“${staffNo}”的姓名“${h.name}”不一致`);
      }
    }

    const number = (cells['证书编号'] ?? '').trim();
    let existingHolder: number | undefined;
    if (!number) err('证书编号', '证书编号不能为空');
    else if (number.length > 40 || !/^[\p{L}\p{N}._()（）〔〕[\]\-/ ]+$/u.test(number))
      err('证书编号', `证书编号“${number}”过长（最多 40 字）或含有不允许的字符`);
    else if (seen.has(number)) err('证书编号', `证书编号“${number}”与第${seen.get(number)}行重复`);
    else {
      seen.set(number, row);
      existingHolder = lookup.numberHolder(number);
      if (existingHolder !== undefined && holder && existingHolder !== holder.id)
        err('证书编号', `证书编号“${number}”已登记在其他人员名下`);
    }

    const kind = parseCertificateKind(cells['证书类型'] ?? '');
    if (!kind) err('证书类型', `未知的证书类型“${cells['证书类型']}”，可选：行政执法资格证、培训合格证`);

    const issuedRaw = cells['发证日期'] ?? '';
    const issuedOn = parseDay(issuedRaw);
    if (!issuedRaw) err('发证日期', '发证日期不能为空');
    else if (!issuedOn) err('发证日期', `“${issuedRaw}”不是有效日期，请写成 2024-05-01`);
    else if (issuedOn > lookup.today) err('发证日期', `发证日期 ${issuedOn} 晚于今天`);

    const expiresRaw = cells['有效期至'] ?? '';
    let expiresOn = expiresRaw
      ? parseDay(expiresRaw)
      : issuedOn && defaultExpiry(issuedOn, lookup.validityYears);
    if (expiresRaw && !expiresOn) err('有效期至', `“${expiresRaw}”不是有效日期，请写成 2029-04-30`);
    else if (issuedOn && expiresOn && expiresOn < issuedOn) {
      err('有效期至', `有效期至 ${expiresOn} 早于发证日期 ${issuedOn}`);
      expiresOn = undefined;
    }

    const issuer = (cells['发证机关'] ?? '').trim();
    if (issuer.length > 100) err('发证机关', '发证机关过长（最多 100 字）');

    if (errors.length > before || !holder || !kind || !issuedOn || !expiresOn) continue;
    if (existingHolder !== undefined) {
      unchanged++;
      continue;
    }
    rows.push({
      row,
      staffNo,
      userId: holder.id,
      kind,
      number,
      issuedOn,
      expiresOn,
      issuer: issuer || null,
    });
  }
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { rows, errors, unchanged };
}
