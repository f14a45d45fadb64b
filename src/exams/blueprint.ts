/**
 * An exam blueprint: which parts a paper has, where each part draws its questions from, how many of each type and
 * at how many points each, the difficulty mix and the pass marks. Pure types and checks; no Nest or TypeORM.
 */
import { QUESTION_TYPES, QUESTION_TYPE_LABELS, QuestionType } from '../question-bank/question.types';

export type PartSource =
  | { kind: 'common' }
  | { kind: 'specialty' }
  | { kind: 'banks'; bankIds: number[] }
  | { kind: 'regulations'; regulationIds: number[] };

export interface BlueprintRule {
  type: QuestionType;
  /** Number of questions of this type to draw. */
  count: number;
  /** Points per question. */
  points: number;
}

/** Shares of each difficulty bucket, summing to 1. easy = difficulty 1–2, medium = 3, hard = 4–5. */
export interface DifficultyMix {
  easy: number;
  medium: number;
  hard: number;
}

export interface BlueprintPart {
  /** Stable key of the part inside the blueprint, e.g. 'common'. */
  key: string;
  title: string;
  source: PartSource;
  rules: BlueprintRule[];
  difficultyMix?: DifficultyMix;
  /** Points this part alone must reach for the paper to pass. */
  passMark?: number;
}

export interface Blueprint {
  parts: BlueprintPart[];
  /** Overall pass mark, in points. */
  passMark: number;
}

export const DIFFICULTY_BUCKETS = ['easy', 'medium', 'hard'] as const;
export type DifficultyBucket = (typeof DIFFICULTY_BUCKETS)[number];

export const DIFFICULTY_BUCKET_LABELS: Record<DifficultyBucket, string> = {
  easy: '简单题',
  medium: '中等题',
  hard: '困难题',
};

/** The tolerance on the sum of a difficulty mix. */
export const MIX_TOLERANCE = 0.001;

/** Difficulty 1–2 → easy, 3 → medium, 4–5 → hard (values in between go to medium). */
export function difficultyBucket(difficulty: number): DifficultyBucket {
  if (difficulty <= 2) return 'easy';
  if (difficulty >= 4) return 'hard';
  return 'medium';
}

/** Rounds to 2 decimals (points and scores are kept to the hundredth). */
export function roundPoints(value: number): number {
  return Math.round((value + Math.sign(value) * Number.EPSILON) * 100) / 100;
}

/** '第1部分“通用知识”' — how messages name a part (index is 0-based). */
export function partLabel(part: Pick<BlueprintPart, 'title'>, index: number): string {
  const title = typeof part.title === 'string' ? part.title.trim() : '';
  return title ? `第${index + 1}部分“${title}”` : `第${index + 1}部分`;
}

export function partMaxScore(part: BlueprintPart): number {
  return roundPoints(part.rules.reduce((sum, rule) => sum + rule.count * rule.points, 0));
}

export function maxScore(bp: Blueprint): number {
  return roundPoints(bp.parts.reduce((sum, part) => sum + partMaxScore(part), 0));
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const hasAtMostTwoDecimals = (v: number): boolean => Math.abs(roundPoints(v) - v) < 1e-9;
const isPositiveIntegerList = (v: unknown): v is number[] =>
  Array.isArray(v) && v.every((id) => Number.isInteger(id) && id > 0);

/** Checks a blueprint; returns the problems in Chinese, or [] when it is usable. */
export function validateBlueprint(bp: Blueprint): string[] {
  const problems: string[] = [];
  if (!bp || !Array.isArray(bp.parts) || bp.parts.length === 0) {
    problems.push('试卷至少需要一个部分');
    return problems;
  }

  const firstIndexOfKey = new Map<string, number>();
  bp.parts.forEach((part, index) => {
    const label = partLabel(part ?? { title: '' }, index);
    if (!part || typeof part !== 'object') {
      problems.push(`${label}：格式无效`);
      return;
    }

    const key = typeof part.key === 'string' ? part.key.trim() : '';
    if (!key) {
      problems.push(`${label}：缺少标识`);
    } else if (firstIndexOfKey.has(key)) {
      problems.push(`${label}：标识“${key}”与第${firstIndexOfKey.get(key)! + 1}部分重复`);
    } else {
      firstIndexOfKey.set(key, index);
    }
    if (typeof part.title !== 'string' || !part.title.trim()) problems.push(`${label}：缺少标题`);

    problems.push(...validateSource(part.source, label));
    const rulesValid = validateRules(part.rules, label, problems);

    if (part.difficultyMix !== undefined) problems.push(...validateMix(part.difficultyMix, label));

    if (part.passMark !== undefined && rulesValid) {
      const max = partMaxScore(part);
      if (!isFiniteNumber(part.passMark) || part.passMark < 0 || part.passMark > max) {
        problems.push(`${label}：及格分必须在 0 到 ${max} 分之间`);
      }
    }
  });

  const allRulesValid = bp.parts.every(
    (part) => part && Array.isArray(part.rules) && validateRules(part.rules, '', []),
  );
  if (allRulesValid) {
    const max = maxScore(bp);
    if (!isFiniteNumber(bp.passMark) || bp.passMark < 0 || bp.passMark > max) {
      problems.push(`总及格分必须在 0 到 ${max} 分之间`);
    }
  } else if (!isFiniteNumber(bp.passMark) || bp.passMark < 0) {
    problems.push('总及格分必须是不小于 0 的数');
  }
  return problems;
}

function validateSource(source: PartSource | undefined, label: string): string[] {
  if (!source || typeof source !== 'object') return [`${label}：缺少题目来源`];
  switch (source.kind) {
    case 'common':
    case 'specialty':
      return [];
    case 'banks':
      if (!Array.isArray(source.bankIds) || source.bankIds.length === 0)
        return [`${label}：请至少选择一个题库`];
      return isPositiveIntegerList(source.bankIds) ? [] : [`${label}：题库编号无效`];
    case 'regulations':
      if (!Array.isArray(source.regulationIds) || source.regulationIds.length === 0) {
        return [`${label}：请至少选择一部法规`];
      }
      return isPositiveIntegerList(source.regulationIds) ? [] : [`${label}：法规编号无效`];
    default:
      return [`${label}：题目来源类型无效`];
  }
}

/** Pushes rule problems; returns whether the rules are sound enough to compute a maximum score. */
function validateRules(rules: BlueprintRule[] | undefined, label: string, problems: string[]): boolean {
  if (!Array.isArray(rules) || rules.length === 0) {
    problems.push(`${label}：至少需要一条抽题规则`);
    return false;
  }
  let ok = true;
  const seen = new Set<QuestionType>();
  rules.forEach((rule, r) => {
    if (!rule || !QUESTION_TYPES.includes(rule.type)) {
      problems.push(`${label}：第${r + 1}条规则的题型“${String(rule?.type)}”无效`);
      ok = false;
      return;
    }
    const typeLabel = QUESTION_TYPE_LABELS[rule.type];
    if (seen.has(rule.type)) problems.push(`${label}：${typeLabel}出现了多条规则，请合并为一条`);
    seen.add(rule.type);
    if (!Number.isInteger(rule.count) || rule.count < 1) {
      problems.push(`${label}：${typeLabel}的题量必须是不小于 1 的整数`);
      ok = false;
    }
    if (!isFiniteNumber(rule.points) || rule.points <= 0) {
      problems.push(`${label}：${typeLabel}的每题分值必须大于 0`);
      ok = false;
    } else if (!hasAtMostTwoDecimals(rule.points)) {
      problems.push(`${label}：${typeLabel}的每题分值最多保留两位小数`);
      ok = false;
    }
  });
  return ok;
}

function validateMix(mix: DifficultyMix, label: string): string[] {
  if (!mix || typeof mix !== 'object') return [`${label}：难度比例格式无效`];
  const shares = DIFFICULTY_BUCKETS.map((bucket) => mix[bucket]);
  if (!shares.every((s) => isFiniteNumber(s) && s >= 0 && s <= 1)) {
    return [`${label}：难度比例必须是 0 到 1 之间的数`];
  }
  const sum = shares.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > MIX_TOLERANCE) {
    return [`${label}：难度比例之和必须为 1（当前为 ${Math.round(sum * 1000) / 1000}）`];
  }
  return [];
}
