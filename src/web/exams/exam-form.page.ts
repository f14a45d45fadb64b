/**
 * The exam form (new, or a draft being edited) and how its fields become the API's CreateExamDto: any number of
 * parts (common curriculum, the candidate's line, named banks or regulations) and an audience.
 */
import { BUSINESS_LINE_LABELS } from '../../common/business-lines';
import type { RegulationResponse } from '../../curriculum/regulation.response';
import type { CreateExamDto } from '../../exams/dto/exam.dto';
import { EXAM_KIND_LABELS, REVIEW_POLICIES } from '../../exams/exam.entity';
import { examTotals, type ExamTotals } from '../../exams/exam-totals';
import type { BlueprintPartResponse, ExamResponse } from '../../exams/exam.response';
import type { DirectoryEntryResponse } from '../../identity/user.response';
import type { UnitNodeResponse } from '../../organization/unit.response';
import type { BankResponse } from '../../question-bank/question.response';
import { QUESTION_TYPES, QUESTION_TYPE_LABELS } from '../../question-bank/question.types';
import {
  checkboxField,
  checkboxGroup,
  checkList,
  cstLocal,
  cstToIso,
  csrfField,
  defined,
  field,
  ids,
  input,
  many,
  numberOf,
  one,
  select,
  submitButton,
  type FormFields,
} from '../shared/form';
import { html, type SafeHtml } from '../shared/html';
import { staffPicker } from '../shared/staff-picker';
import { table } from '../shared/table';
import { flatUnits } from '../shared/units';
import { SOURCE_LABELS } from './exams.pages';

export const MAX_PARTS = 10;
/** Points per question of each type in a new part: the default first part (20 × 2 + 10 × 3 + 10 × 3) adds up to 100. */
const DEFAULT_POINTS = [2, 3, 3, 2];
const REVIEW_LABELS: Record<(typeof REVIEW_POLICIES)[number], string> = {
  'after-submit': '交卷后可看',
  'after-close': '考试结束后可看',
  never: '不提供',
};

/** What the form offers to choose from. */
export interface ExamFormChoices {
  banks: BankResponse[];
  regulations: RegulationResponse[];
  units: UnitNodeResponse[];
  /** The staff directory for the named-staff picker. */
  people: DirectoryEntryResponse[];
  /** Enabled trainers, who may be named to run the exam. */
  trainers: DirectoryEntryResponse[];
}

export const GRADING_LABELS: Record<'highest' | 'last', string> = {
  highest: '取最高分',
  last: '取最后一次',
};
export const MULTIPLE_MODE_LABELS: Record<'all-or-nothing' | 'partial', string> = {
  'all-or-nothing': '全部选对才得分',
  partial: '部分得分（少选按比例得分，错选不得分）',
};

/** The form's fields as the API's CreateExamDto (the ValidationPipe checks the rest). Empty part titles are skipped. */
export function examFromForm(form: FormFields): Partial<CreateExamDto> {
  const parts = [];
  for (let n = 1; n <= MAX_PARTS; n++) {
    const title = one(form[`p${n}_title`]);
    if (!title) continue;
    const rules = QUESTION_TYPES.map((type) => ({
      type,
      count: Number(one(form[`p${n}_${type}_count`]) || 0),
      points: Number(one(form[`p${n}_${type}_points`]) || 0),
    })).filter((r) => r.count > 0);
    const kind = (one(form[`p${n}_source`]) || 'common') as BlueprintPartResponse['source']['kind'];
    const source = {
      kind,
      ...(kind === 'banks' ? { bankIds: ids(form[`p${n}_banks`]) } : {}),
      ...(kind === 'regulations' ? { regulationIds: ids(form[`p${n}_regulations`]) } : {}),
    };
    parts.push({
      key: `p${n}`,
      title,
      source,
      rules,
      ...defined({ passMark: numberOf(form[`p${n}_pass`]) }),
    });
  }
  return {
    title: one(form.title),
    kind: (one(form.kind) || 'law-study') as CreateExamDto['kind'],
    blueprint: { passMark: Number(one(form.passMark) || 0), parts },
    reviewPolicy: (one(form.reviewPolicy) || 'after-submit') as CreateExamDto['reviewPolicy'],
    grading: (one(form.grading) || 'highest') as CreateExamDto['grading'],
    multipleMode: (one(form.multipleMode) || 'all-or-nothing') as CreateExamDto['multipleMode'],
    shuffleQuestions: one(form.shuffleQuestions) === '1',
    shuffleOptions: one(form.shuffleOptions) === '1',
    trainerIds: ids(form.trainerIds),
    doubleMarking: one(form.doubleMarking) === '1',
    audience: {
      enforcementOnly: one(form.enforcementOnly) === '1',
      unitIds: ids(form.unitIds),
      lines: many(form.lines).filter(Boolean),
      userIds: ids(form.userIds),
    },
    ...defined({
      timeLimitMinutes: numberOf(form.timeLimitMinutes),
      attemptsAllowed: numberOf(form.attemptsAllowed),
      markingTolerance: numberOf(form.markingTolerance),
      opensAt: cstToIso(one(form.opensAt)),
      closesAt: cstToIso(one(form.closesAt)),
    }),
  };
}

function partFieldset(
  n: number,
  banks: BankResponse[],
  regs: RegulationResponse[],
  p: BlueprintPartResponse | null,
  shown: boolean,
): SafeHtml {
  const kind = p?.source.kind ?? (n === 1 ? 'common' : 'specialty');
  const rule = (t: string) => p?.rules.find((r) => r.type === t);
  const defaults = n === 1 && !p ? [20, 10, 10, 0] : [0, 0, 0, 0];
  const name = (suffix: string) => `p${n}_${suffix}`;
  return html`<fieldset class="part" data-part="${n}" ${shown ? '' : 'hidden'}>
    <legend>第 ${n} 部分${n > 1 ? '（可选：名称留空则不使用）' : ''}</legend>
    <div class="grid2">
      ${field(
        `p${n}-title`,
        '名称',
        input({
          id: `p${n}-title`,
          name: name('title'),
          value: p?.title ?? (n === 1 ? '共同科目' : ''),
          required: n === 1,
          'data-part-title': n,
        }),
      )}
      ${field(
        `p${n}-source`,
        '题目来源',
        select(
          { id: `p${n}-source`, name: name('source') },
          Object.entries(SOURCE_LABELS).map(([value, label]) => ({ value, label, selected: kind === value })),
        ),
      )}
    </div>
    <div class="grid2">
      ${checkList({
        id: `p${n}-banks`,
        legend: `第 ${n} 部分指定题库（来源为“指定题库”时勾选）`,
        name: name('banks'),
        choices: banks.map((b) => ({
          value: b.id,
          label: b.title,
          selected: !!p?.source.bankIds?.includes(b.id),
        })),
      })}
      ${checkList({
        id: `p${n}-regs`,
        legend: `第 ${n} 部分指定法规（来源为“指定法规”时勾选）`,
        name: name('regulations'),
        choices: regs.map((r) => ({
          value: r.id,
          label: `${r.title}${r.status === 'repealed' ? '（已废止）' : ''}`,
          selected: !!p?.source.regulationIds?.includes(r.id),
        })),
      })}
    </div>
    ${table(
      QUESTION_TYPES.map((t, i) => ({ t, i })),
      [
        { head: '题型', cell: ({ t }) => QUESTION_TYPE_LABELS[t], rowHeader: true },
        {
          head: '题数',
          cell: ({ t, i }) =>
            input({
              'aria-label': `第 ${n} 部分${QUESTION_TYPE_LABELS[t]}题数`,
              name: name(`${t}_count`),
              type: 'number',
              min: 0,
              value: rule(t)?.count ?? defaults[i],
              'data-count': n,
            }),
        },
        {
          head: '每题分值',
          cell: ({ t, i }) =>
            input({
              'aria-label': `第 ${n} 部分${QUESTION_TYPE_LABELS[t]}分值`,
              name: name(`${t}_points`),
              type: 'number',
              min: 0,
              step: 0.5,
              value: rule(t)?.points ?? DEFAULT_POINTS[i],
              'data-points': n,
            }),
        },
      ],
      { className: 'table compact' },
    )}
    <p class="part-total">本部分满分：<strong data-part-total="${n}">—</strong> 分</p>
    ${field(
      `p${n}-pass`,
      '本部分及格分（可空）',
      input({
        id: `p${n}-pass`,
        name: name('pass'),
        type: 'number',
        min: 0,
        value: p?.passMark ?? '',
        'data-part-pass': n,
      }),
    )}
  </fieldset>`;
}

/** The running total as the server computes it (builder.js recomputes it as the trainer types). */
export function totalsBox(t: ExamTotals): SafeHtml {
  return html`<section class="totals" aria-labelledby="totals-h" id="exam-totals">
    <h2 id="totals-h">分值合计</h2>
    <p>
      满分 <strong id="exam-total" aria-live="polite">${t.total}</strong> 分（${t.parts
        .map((p, i) => `第 ${i + 1} 部分 ${p.total} 分`)
        .join('，')}）
    </p>
    <ul id="exam-total-warnings" class="warnings" aria-live="polite">
      ${t.warnings.map((w) => html`<li>${w}</li>`)}
    </ul>
  </section>`;
}

const totalsOf = (e: Pick<ExamResponse, 'blueprint'>): ExamTotals =>
  examTotals(e.blueprint?.parts ?? [], e.blueprint?.passMark ?? null);

/** The exam form: new (exam null) or editing a draft, showing `partCount` of its MAX_PARTS part fieldsets. */
export function examFormPage(
  o: ExamFormChoices & { exam: ExamResponse | null; csrf: string | undefined; partCount: number },
): SafeHtml {
  const e = o.exam;
  const aud = e?.audience;
  const parts = e?.blueprint?.parts ?? [];
  const count = Math.min(MAX_PARTS, Math.max(o.partCount, parts.length + 1, 2));
  const action = e ? `/app/exams/${e.id}/edit` : '/app/exams';
  const more = `${e ? `/app/exams/${e.id}/edit` : '/app/exams/new'}?parts=${Math.min(count + 1, MAX_PARTS)}`;
  const number = (
    id: string,
    label: string,
    name: string,
    value: number | string,
    min: number,
    required = false,
  ) => field(id, label, input({ id, name, type: 'number', min, value, required }));
  const when = (id: string, label: string, name: string, value: Date | null | undefined) =>
    field(id, label, input({ id, name, type: 'datetime-local', value: cstLocal(value) }));
  const initial = e
    ? totalsOf(e)
    : examTotals(
        [
          {
            title: '共同科目',
            rules: [20, 10, 10, 0].map((c, i) => ({ count: c, points: DEFAULT_POINTS[i] })),
          },
        ],
        60,
      );
  return html`<h1>${e ? `编辑草稿：${e.title}` : '新建考试'}</h1>
    <form method="post" action="${action}" class="stacked" id="exam-form">
      ${csrfField(o.csrf)}
      ${field(
        'x-title',
        '考试名称',
        input({ id: 'x-title', name: 'title', value: e?.title ?? '', required: true }),
      )}
      ${field(
        'x-kind',
        '类别',
        select(
          { id: 'x-kind', name: 'kind' },
          Object.entries(EXAM_KIND_LABELS)
            .filter(([k]) => k !== 'practice')
            .map(([value, label]) => ({ value, label, selected: (e?.kind ?? 'law-study') === value })),
        ),
      )}
      <div class="grid2">
        ${number('x-limit', '限时（分钟）', 'timeLimitMinutes', e?.timeLimitMinutes ?? 60, 1)}
        ${number('x-pass', '及格分', 'passMark', e?.blueprint?.passMark ?? 60, 0, true)}
        ${when('x-open', '开放时间', 'opensAt', e?.opensAt)}
        ${when('x-close', '截止时间', 'closesAt', e?.closesAt)}
        ${number('x-attempts', '允许作答次数（0 为不限）', 'attemptsAllowed', e?.attemptsAllowed ?? 1, 0)}
        ${field(
          'x-grading',
          '多次作答时的成绩',
          select(
            { id: 'x-grading', name: 'grading' },
            Object.entries(GRADING_LABELS).map(([value, label]) => ({
              value,
              label,
              selected: (e?.grading ?? 'highest') === value,
            })),
          ),
        )}
        ${field(
          'x-review',
          '答案解析',
          select(
            { id: 'x-review', name: 'reviewPolicy' },
            REVIEW_POLICIES.map((value) => ({
              value,
              label: REVIEW_LABELS[value],
              selected: (e?.reviewPolicy ?? 'after-submit') === value,
            })),
          ),
        )}
        ${checkboxField(
          'x-double',
          'doubleMarking',
          '简答题、案例分析题双评（两人独立阅卷）',
          e?.doubleMarking,
        )}
        ${field(
          'x-tolerance',
          '双评分差超过多少分由第三人仲裁',
          input({
            id: 'x-tolerance',
            name: 'markingTolerance',
            type: 'number',
            min: 0,
            step: 0.5,
            value: e?.markingTolerance ?? 2,
          }),
        )}
        ${field(
          'x-multiple',
          '多选题计分',
          select(
            { id: 'x-multiple', name: 'multipleMode' },
            Object.entries(MULTIPLE_MODE_LABELS).map(([value, label]) => ({
              value,
              label,
              selected: (e?.multipleMode ?? 'all-or-nothing') === value,
            })),
          ),
        )}
      </div>
      <fieldset>
        <legend>乱序</legend>
        ${checkboxField(
          'x-shuffle-q',
          'shuffleQuestions',
          '题目乱序（每位考生题目顺序不同）',
          e?.shuffleQuestions ?? true,
        )}
        ${checkboxField(
          'x-shuffle-o',
          'shuffleOptions',
          '选项乱序（选项按显示位置重新标为 A、B、C…）',
          e?.shuffleOptions ?? true,
        )}
      </fieldset>
      ${checkList({
        id: 'x-trainers',
        legend: '负责本场考试的培训管理员（查看答卷、延时、重新开放、作废；创建人始终负责）',
        name: 'trainerIds',
        choices: o.trainers.map((t) => ({
          value: t.id,
          label: `${t.name}${t.unitName ? `（${t.unitName}）` : ''}`,
          selected: !!e?.trainerIds.includes(t.id),
        })),
      })}
      <fieldset>
        <legend>参考人员（同时满足所选条件；另加指定人员）</legend>
        ${checkList({
          id: 'x-units',
          legend: '单位（含下级单位；不选为全部）',
          name: 'unitIds',
          choices: flatUnits(o.units).map((u) => ({
            value: u.unit.id,
            label: u.unit.name,
            depth: u.depth,
            selected: !!aud?.unitIds.includes(u.unit.id),
          })),
        })}
        ${checkboxGroup({
          id: 'x-lines-label',
          label: '业务条线（不选为全部）',
          name: 'lines',
          choices: Object.entries(BUSINESS_LINE_LABELS).map(([value, label]) => ({
            value,
            label,
            selected: !!aud?.lines.includes(value as never),
          })),
        })}
        ${checkboxField('x-enf', 'enforcementOnly', '仅限执法岗位人员', aud?.enforcementOnly)}
        ${o.people.length
          ? staffPicker({
              people: o.people,
              name: 'userIds',
              selected: aud?.userIds ?? [],
              legend: '指定人员（按单位勾选，可选）',
              idPrefix: 'x-u',
            })
          : field(
              'x-users',
              '指定人员（用户编号，用逗号或空格分隔）',
              input({
                id: 'x-users',
                name: 'userIds',
                value: (aud?.userIds ?? []).join(', '),
                inputmode: 'numeric',
              }),
            )}
      </fieldset>
      ${Array.from({ length: MAX_PARTS }, (_, i) =>
        partFieldset(i + 1, o.banks, o.regulations, parts[i] ?? null, i < count),
      )}
      <p class="add-part">
        <button type="button" data-add-part ${count >= MAX_PARTS ? 'disabled' : ''}>增加一个部分</button>
        <noscript><a href="${more}">增加一个部分</a>（未保存的修改会丢失，请先保存草稿）</noscript>
      </p>
      ${totalsBox(initial)} ${submitButton('保存草稿')}
    </form>`;
}
