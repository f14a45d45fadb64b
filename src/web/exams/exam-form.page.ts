/**
 * The exam form (new, or a draft being edited) and how its fields become the API's CreateExamDto: any number of
 * parts (common curriculum, the candidate's line, named banks or regulations) and an audience.
 */
import { BUSINESS_LINE_LABELS } from '../../common/business-lines';
import type { RegulationResponse } from '../../curriculum/regulation.response';
import type { CreateExamDto } from '../../exams/dto/exam.dto';
import { EXAM_KIND_LABELS, REVIEW_POLICIES } from '../../exams/exam.entity';
import type { BlueprintPartResponse, ExamResponse } from '../../exams/exam.response';
import type { DirectoryEntryResponse } from '../../identity/user.response';
import type { UnitNodeResponse } from '../../organization/unit.response';
import type { BankResponse } from '../../question-bank/question.response';
import { QUESTION_TYPES, QUESTION_TYPE_LABELS } from '../../question-bank/question.types';
import {
  checkboxField,
  checkboxGroup,
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
import { unitChoices } from '../shared/units';
import { SOURCE_LABELS } from './exams.pages';

export const MAX_PARTS = 10;
const DEFAULT_POINTS = [2, 3, 2, 2];
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
}

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
): SafeHtml {
  const kind = p?.source.kind ?? (n === 1 ? 'common' : 'specialty');
  const rule = (t: string) => p?.rules.find((r) => r.type === t);
  const defaults = n === 1 && !p ? [20, 10, 10, 0] : [0, 0, 0, 0];
  const name = (suffix: string) => `p${n}_${suffix}`;
  return html`<fieldset class="part">
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
      ${field(
        `p${n}-banks`,
        '指定题库（来源为“指定题库”时，可多选）',
        select(
          { id: `p${n}-banks`, name: name('banks'), multiple: true, size: 4 },
          banks.map((b) => ({ value: b.id, label: b.title, selected: !!p?.source.bankIds?.includes(b.id) })),
        ),
      )}
      ${field(
        `p${n}-regs`,
        '指定法规（来源为“指定法规”时，可多选）',
        select(
          { id: `p${n}-regs`, name: name('regulations'), multiple: true, size: 4 },
          regs.map((r) => ({
            value: r.id,
            label: `${r.title}${r.status === 'repealed' ? '（已废止）' : ''}`,
            selected: !!p?.source.regulationIds?.includes(r.id),
          })),
        ),
      )}
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
            }),
        },
      ],
      { className: 'table compact' },
    )}
    ${field(
      `p${n}-pass`,
      '本部分及格分（可空）',
      input({ id: `p${n}-pass`, name: name('pass'), type: 'number', min: 0, value: p?.passMark ?? '' }),
    )}
  </fieldset>`;
}

/** The exam form: new (exam null) or editing a draft, with `partCount` part fieldsets. */
export function examFormPage(
  o: ExamFormChoices & { exam: ExamResponse | null; csrf: string | undefined; partCount: number },
): SafeHtml {
  const e = o.exam;
  const aud = e?.audience;
  const parts = e?.blueprint?.parts ?? [];
  const count = Math.max(o.partCount, parts.length + 1, 2);
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
      </div>
      <fieldset>
        <legend>参考人员（同时满足所选条件；另加指定人员）</legend>
        <div class="grid2">
          ${field(
            'x-units',
            '单位（含下级单位，可多选；不选为全部）',
            select(
              { id: 'x-units', name: 'unitIds', multiple: true, size: 6 },
              unitChoices(o.units, aud?.unitIds),
            ),
          )}
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
        </div>
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
      ${Array.from({ length: count }, (_, i) =>
        partFieldset(i + 1, o.banks, o.regulations, parts[i] ?? null),
      )}
      <p><a href="${more}">需要更多部分？增加一个部分</a>（未保存的修改会丢失，请先保存草稿）</p>
      ${submitButton('保存草稿')}
    </form>`;
}
