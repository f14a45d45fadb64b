/**
 * An exam row's stored configuration (the blueprint and audience JSON) read defensively: a row written by an old
 * bug, a hand edit or a failed migration gives a problem in Chinese instead of a TypeError deep in a list, a
 * report or the overdue sweep. Pure.
 */
import { AppError } from '../common/errors';
import type { AudienceCriteria } from '../identity/audience-sql';
import { Blueprint, validateBlueprint } from './blueprint';

export type ExamConfig =
  | { ok: true; blueprint: Blueprint; audience: AudienceCriteria }
  | { ok: false; problem: string };

function parse(text: unknown): { value?: unknown; error?: true } {
  if (typeof text !== 'string') return { error: true };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { error: true };
  }
}

const intList = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((x) => Number.isInteger(x)));
const textList = (v: unknown) =>
  v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

export function readAudience(text: unknown): AudienceCriteria | { problem: string } {
  const { value, error } = parse(text);
  if (error || typeof value !== 'object' || value === null || Array.isArray(value))
    return { problem: '考试对象不是有效的 JSON 对象' };
  const a = value as Partial<Record<keyof AudienceCriteria, unknown>>;
  if (!intList(a.unitIds) || !intList(a.userIds) || !textList(a.lines))
    return { problem: '考试对象的单位、人员或业务条线格式无效' };
  if (a.enforcementOnly !== undefined && typeof a.enforcementOnly !== 'boolean')
    return { problem: '考试对象的“仅执法岗位”格式无效' };
  return {
    unitIds: (a.unitIds as number[] | undefined) ?? [],
    lines: (a.lines as string[] | undefined) ?? [],
    enforcementOnly: (a.enforcementOnly as boolean | undefined) ?? false,
    userIds: (a.userIds as number[] | undefined) ?? [],
  };
}

/**
 * Each stored blueprint text read once (the submit and the result read it again per attempt: ~15–30 µs of parsing
 * and validating, issue #19). The result is frozen, deep: shared between callers, nobody may change it.
 */
const blueprints = new Map<string, Blueprint | { problem: string }>();
const BLUEPRINT_CACHE_SIZE = 500;

export function readBlueprint(text: unknown): Blueprint | { problem: string } {
  if (typeof text !== 'string') return readBlueprintOnce(text);
  let read = blueprints.get(text);
  if (!read) {
    read = deepFreeze(readBlueprintOnce(text));
    if (blueprints.size >= BLUEPRINT_CACHE_SIZE) blueprints.clear();
    blueprints.set(text, read);
  }
  return read;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function readBlueprintOnce(text: unknown): Blueprint | { problem: string } {
  const { value, error } = parse(text);
  if (error || typeof value !== 'object' || value === null || Array.isArray(value))
    return { problem: '组卷规则不是有效的 JSON 对象' };
  const problems = validateBlueprint(value as Blueprint);
  return problems.length ? { problem: `组卷规则无效：${problems[0]}` } : (value as Blueprint);
}

/** The blueprint and audience of an exam row, or the first problem with them. */
export function readExamConfig(row: { blueprint: unknown; audience: unknown }): ExamConfig {
  const blueprint = readBlueprint(row.blueprint);
  if ('problem' in blueprint) return { ok: false, problem: blueprint.problem };
  const audience = readAudience(row.audience);
  if ('problem' in audience) return { ok: false, problem: audience.problem };
  return { ok: true, blueprint, audience };
}

/** A request that needs an exam whose stored configuration is broken: 409 until an admin repairs or archives it. */
export function brokenExam(e: { id: number; title: string }, problem: string): AppError {
  return AppError.conflict(
    `考试《${e.title}》（编号 ${e.id}）的配置已损坏：${problem}。请联系系统管理员修复或归档该考试`,
  );
}
