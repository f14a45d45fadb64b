/**
 * The regulation catalogue in question-banks/catalogue/*.yaml: parsing with line numbers, validation, and the
 * status of a document on a date. Pure: no Nest or TypeORM imports.
 */
import { isMap, isSeq, LineCounter, parseDocument, YAMLMap } from 'yaml';
import { CURRICULA } from '../common/business-lines';
import { REGULATION_KINDS, RegulationKind } from './regulation.entity';

export interface CatalogueVersion {
  label: string;
  adopted?: string;
  effective?: string;
  note?: string;
}

export interface CatalogueEntry {
  code: string;
  title: string;
  shortTitle?: string;
  aliases: string[];
  kind: RegulationKind;
  issuer?: string;
  docNumber?: string;
  curriculum: string;
  versions: CatalogueVersion[];
  repealed?: { date?: string; replacedBy?: string; note?: string };
  note?: string;
  text?: string;
  excerpt: boolean;
  line: number;
}

export interface CatalogueIssue {
  file: string;
  line: number;
  message: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ENTRY_KEYS = [
  'code',
  'title',
  'shortTitle',
  'aliases',
  'kind',
  'issuer',
  'docNumber',
  'curriculum',
  'versions',
  'repealed',
  'note',
  'text',
  'excerpt',
];

function str(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim() || undefined;
}

export function parseCatalogue(
  file: string,
  text: string,
): { entries: CatalogueEntry[]; issues: CatalogueIssue[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, schema: 'core' });
  const issues: CatalogueIssue[] = [];
  const lineOf = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    return range ? lc.linePos(range[0]).line : 1;
  };
  for (const e of doc.errors)
    issues.push({
      file,
      line: e.linePos?.[0]?.line ?? 1,
      message: `YAML 语法错误：${e.message.split('\n')[0]}`,
    });
  if (issues.length) return { entries: [], issues };
  const root = doc.contents;
  const list = isMap(root) ? root.get('regulations', true) : undefined;
  if (!isSeq(list)) return { entries: [], issues: [{ file, line: 1, message: '缺少 regulations 列表' }] };
  const entries: CatalogueEntry[] = [];
  for (const node of list.items) {
    const line = lineOf(node);
    if (!isMap(node)) {
      issues.push({ file, line, message: '每个法规应为一个映射（code、title、kind…）' });
      continue;
    }
    const m = node as YAMLMap;
    const raw = m.toJSON() as Record<string, unknown>;
    const at = (key: string) => lineOf(m.get(key, true)) || line;
    const err = (key: string, message: string) => issues.push({ file, line: at(key), message });
    for (const key of Object.keys(raw)) if (!ENTRY_KEYS.includes(key)) err(key, `未知字段“${key}”`);
    const code = str(raw.code);
    if (!code || !/^[a-z0-9-]+$/.test(code)) err('code', 'code 必填，只能包含小写字母、数字和 -');
    const title = str(raw.title);
    if (!title) err('title', 'title 必填');
    const kind = str(raw.kind) as RegulationKind;
    if (!REGULATION_KINDS.includes(kind)) err('kind', `kind 应为 ${REGULATION_KINDS.join(' / ')}`);
    const curriculum = str(raw.curriculum) ?? '';
    if (!(CURRICULA as readonly string[]).includes(curriculum))
      err('curriculum', `curriculum 应为 ${CURRICULA.join(' / ')}`);
    const versions: CatalogueVersion[] = [];
    if (raw.versions !== undefined && !Array.isArray(raw.versions)) err('versions', 'versions 应为列表');
    for (const v of (Array.isArray(raw.versions) ? raw.versions : []) as Record<string, unknown>[]) {
      const version = {
        label: str(v?.label) ?? '',
        adopted: str(v?.adopted),
        effective: str(v?.effective),
        note: str(v?.note),
      };
      if (!version.label) err('versions', '每个版本须有 label');
      for (const d of [version.adopted, version.effective])
        if (d && !DATE.test(d)) err('versions', `日期“${d}”应为 YYYY-MM-DD`);
      versions.push(version);
    }
    let repealed: CatalogueEntry['repealed'];
    if (raw.repealed != null) {
      const r = raw.repealed as Record<string, unknown>;
      repealed = { date: str(r.date), replacedBy: str(r.replacedBy), note: str(r.note) };
      if (repealed.date && !DATE.test(repealed.date))
        err('repealed', `废止日期“${repealed.date}”应为 YYYY-MM-DD`);
    }
    const aliases = Array.isArray(raw.aliases) ? (raw.aliases as unknown[]).map((a) => String(a)) : [];
    if (code && title && REGULATION_KINDS.includes(kind)) {
      entries.push({
        code,
        title,
        shortTitle: str(raw.shortTitle),
        aliases,
        kind,
        issuer: str(raw.issuer),
        docNumber: str(raw.docNumber),
        curriculum,
        versions,
        repealed,
        note: str(raw.note),
        text: str(raw.text),
        excerpt: raw.excerpt === true,
        line,
      });
    }
  }
  return { entries, issues };
}

/** Checks across files: unique codes, replacedBy pointing at a known document. */
export function crossCheckCatalogue(entries: (CatalogueEntry & { file: string })[]): CatalogueIssue[] {
  const issues: CatalogueIssue[] = [];
  const seen = new Map<string, string>();
  for (const e of entries) {
    if (seen.has(e.code))
      issues.push({
        file: e.file,
        line: e.line,
        message: `法规 code“${e.code}”重复（另见 ${seen.get(e.code)}）`,
      });
    seen.set(e.code, `${e.file}:${e.line}`);
  }
  for (const e of entries) {
    if (e.repealed?.replacedBy && !seen.has(e.repealed.replacedBy)) {
      issues.push({
        file: e.file,
        line: e.line,
        message: `替代文件“${e.repealed.replacedBy}”不在法规目录中`,
      });
    }
  }
  return issues;
}

export type RegulationStatus = 'in-force' | 'repealed' | 'not-yet-effective';

export const REGULATION_STATUS_LABELS: Record<RegulationStatus, string> = {
  'in-force': '现行有效',
  repealed: '已废止',
  'not-yet-effective': '尚未施行',
};

/** Status on a date (YYYY-MM-DD) from the repeal record and the first version's effective date. */
export function statusOn(
  reg: { repealed: boolean; repealedOn: string | null },
  versions: { effectiveOn: string | null }[],
  asOf: string,
): RegulationStatus {
  if (reg.repealed && (!reg.repealedOn || reg.repealedOn <= asOf)) return 'repealed';
  const dates = versions
    .map((v) => v.effectiveOn)
    .filter((d): d is string => !!d)
    .sort();
  if (dates.length && dates[0] > asOf) return 'not-yet-effective';
  return 'in-force';
}

/** The version in force on a date: the latest whose effective date is on or before it (undated versions count as in force). */
export function versionOn<T extends { seq: number; effectiveOn: string | null }>(
  versions: T[],
  asOf: string,
): T | undefined {
  const sorted = [...versions].sort((a, b) => a.seq - b.seq);
  let current: T | undefined;
  for (const v of sorted) if (!v.effectiveOn || v.effectiveOn <= asOf) current = v;
  return current ?? sorted[0];
}

/** Names a trainer may use for a document: '《中华人民共和国宪法》', '宪法', a code… normalised for lookup. */
export function normaliseRegulationName(name: string): string {
  return name
    .replace(/[《》〈〉「」\s]/g, '')
    .replace(/^中华人民共和国/, '')
    .toLowerCase();
}
