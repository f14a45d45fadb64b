/**
 * The demo bureau: a deterministic description (no randomness), so a second start recognises everything it made.
 * Pure data and a generator; the DemoService writes it.
 */
import { BUSINESS_LINE_LABELS, type BusinessLine } from '../common/business-lines';
import type { Role } from '../common/roles';
import type { CreateExamDto } from '../exams/dto/exam.dto';
import type { StationLevel, UnitKind } from '../organization/unit.entity';

export interface DemoUnit {
  key: string;
  name: string;
  kind: UnitKind;
  level?: StationLevel;
  parent?: string;
  lines: BusinessLine[];
}

export const DEMO_UNITS: DemoUnit[] = [
  { key: 'bureau', name: '区退役军人事务局', kind: 'bureau', lines: [] },
  { key: 'office', name: '办公室', kind: 'department', parent: 'bureau', lines: ['double-support'] },
  { key: 'policy', name: '政策法规科', kind: 'department', parent: 'bureau', lines: ['rights'] },
  { key: 'resettle', name: '移交安置科', kind: 'department', parent: 'bureau', lines: ['resettlement'] },
  { key: 'employ', name: '就业创业科', kind: 'department', parent: 'bureau', lines: ['employment'] },
  { key: 'care', name: '优抚褒扬科', kind: 'department', parent: 'bureau', lines: ['care'] },
  { key: 'rights', name: '权益维护科', kind: 'department', parent: 'bureau', lines: ['rights'] },
  {
    key: 'retiree',
    name: '区军队离退休干部休养所',
    kind: 'affiliated',
    parent: 'bureau',
    lines: ['retiree'],
  },
  { key: 'cemetery', name: '区烈士陵园管理所', kind: 'affiliated', parent: 'bureau', lines: ['care'] },
  {
    key: 'district',
    name: '区退役军人服务中心（站）',
    kind: 'station',
    level: 'district',
    parent: 'bureau',
    lines: ['employment', 'rights'],
  },
  {
    key: 'st-gm',
    name: '光明街道退役军人服务站',
    kind: 'station',
    level: 'street',
    parent: 'district',
    lines: ['care', 'employment'],
  },
  {
    key: 'st-ca',
    name: '长安街道退役军人服务站',
    kind: 'station',
    level: 'street',
    parent: 'district',
    lines: ['care', 'rights'],
  },
  {
    key: 'co-gm1',
    name: '光明社区退役军人服务站',
    kind: 'station',
    level: 'community',
    parent: 'st-gm',
    lines: ['care'],
  },
  {
    key: 'co-gm2',
    name: '新华社区退役军人服务站',
    kind: 'station',
    level: 'community',
    parent: 'st-gm',
    lines: ['employment'],
  },
  {
    key: 'co-ca1',
    name: '长安社区退役军人服务站',
    kind: 'station',
    level: 'community',
    parent: 'st-ca',
    lines: ['rights'],
  },
  {
    key: 'co-ca2',
    name: '和平社区退役军人服务站',
    kind: 'station',
    level: 'community',
    parent: 'st-ca',
    lines: ['care'],
  },
];

export interface DemoPerson {
  username: string;
  staffNo: string | null;
  name: string;
  unit: string;
  postTitle: string;
  civilServant: boolean;
  enforcementPost: boolean;
  lines: BusinessLine[];
  roles: Role[];
  leader: boolean;
}

/** The four named demo accounts of the README. */
export const DEMO_ACCOUNTS: DemoPerson[] = [
  {
    username: 'trainer',
    staffNo: 'T0001',
    name: '周培训',
    unit: 'policy',
    postTitle: '法规科科长',
    civilServant: true,
    enforcementPost: false,
    lines: ['rights'],
    roles: ['staff', 'trainer'],
    leader: false,
  },
  {
    username: 'manager',
    staffNo: 'M0001',
    name: '吴局长',
    unit: 'bureau',
    postTitle: '局长',
    civilServant: true,
    enforcementPost: false,
    lines: [],
    roles: ['staff', 'manager'],
    leader: true,
  },
  {
    username: 'station-manager',
    staffNo: 'M0002',
    name: '郑站长',
    unit: 'district',
    postTitle: '服务中心主任',
    civilServant: false,
    enforcementPost: false,
    lines: ['employment'],
    roles: ['staff', 'manager'],
    leader: true,
  },
  {
    username: 'staff',
    staffNo: 'D0001',
    name: '王学员',
    unit: 'care',
    postTitle: '优抚科科员',
    civilServant: true,
    enforcementPost: true,
    lines: ['care'],
    roles: ['staff'],
    leader: false,
  },
];

const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
const GIVEN = [
  '建国',
  '志强',
  '秀英',
  '海燕',
  '卫东',
  '丽娟',
  '军',
  '勇',
  '敏',
  '静',
  '磊',
  '洋',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
];

/** About 60 staff spread over every unit and all six lines; departments hold most enforcement posts. */
export function demoStaff(): DemoPerson[] {
  const people: DemoPerson[] = [];
  const perUnit: Record<string, number> = {
    office: 3,
    policy: 3,
    resettle: 5,
    employ: 5,
    care: 5,
    rights: 5,
    retiree: 5,
    cemetery: 4,
    district: 6,
    'st-gm': 4,
    'st-ca': 4,
    'co-gm1': 2,
    'co-gm2': 2,
    'co-ca1': 2,
    'co-ca2': 2,
  };
  let n = 0;
  for (const unit of DEMO_UNITS) {
    const count = perUnit[unit.key] ?? 0;
    for (let i = 0; i < count; i++) {
      n++;
      const staffNo = `S${String(n).padStart(4, '0')}`;
      const isDepartment = unit.kind === 'department';
      const isStation = unit.kind === 'station';
      const enforcementPost = isDepartment
        ? i < count - 1
        : unit.key === 'cemetery'
          ? i === 0
          : unit.level === 'district'
            ? i < 2
            : unit.level === 'street'
              ? i === 0
              : false;
      const line = unit.lines.length ? unit.lines[i % unit.lines.length] : 'rights';
      people.push({
        username: staffNo,
        staffNo,
        name: SURNAMES[n % SURNAMES.length] + GIVEN[(n * 7) % GIVEN.length],
        unit: unit.key,
        postTitle:
          i === 0 ? (isStation ? '站长' : isDepartment ? '科长' : '负责人') : isStation ? '专干' : '科员',
        civilServant: isDepartment || (!isStation && i === 0),
        enforcementPost,
        lines: [line],
        roles: ['staff'],
        leader: i === 0,
      });
    }
  }
  return people;
}

export type DemoExam = Omit<CreateExamDto, 'opensAt' | 'closesAt'>;

/** Business lines in the order their demo qualification exams are created (优抚褒扬 first, so it is exam 2). */
export const QUALIFICATION_LINES: BusinessLine[] = [
  'care',
  'resettlement',
  'rights',
  'employment',
  'retiree',
  'double-support',
];

/**
 * The 行政执法资格考试 of one business line: a 通用 part from the common curriculum and a 专门 part from the line's
 * own banks, each with its pass mark. Its audience is everyone on that line, so every demo member of staff with a
 * line (双拥 included) can sit the qualification exam of their own line.
 */
export function qualificationExam(line: BusinessLine): DemoExam {
  return {
    title: `2026年行政执法资格考试（${BUSINESS_LINE_LABELS[line]}）`,
    kind: 'qualification',
    description: `通用知识与专门知识两部分，须分别及格（各 30 分），总分 60 分及格。专门知识考查${BUSINESS_LINE_LABELS[line]}业务条线的法规。`,
    blueprint: {
      passMark: 60,
      parts: [
        {
          key: 'general',
          title: '通用知识',
          source: { kind: 'common' },
          passMark: 30,
          rules: [
            { type: 'single', count: 20, points: 1.5 },
            { type: 'multiple', count: 5, points: 2 },
            { type: 'true-false', count: 5, points: 2 },
          ],
        },
        {
          key: 'specialty',
          title: '专门知识',
          source: { kind: 'specialty' },
          passMark: 30,
          rules: [
            { type: 'single', count: 5, points: 4 },
            { type: 'multiple', count: 2, points: 5 },
            { type: 'true-false', count: 5, points: 4 },
          ],
        },
      ],
    },
    timeLimitMinutes: 90,
    attemptsAllowed: 2,
    grading: 'highest',
    reviewPolicy: 'after-submit',
    multipleMode: 'all-or-nothing',
    audience: { lines: [line] },
  };
}

/**
 * Demo exams (their window is set when they are created: from a day before to a year after): the 学法用法 exam for
 * everyone, then one qualification exam per business line.
 */
export const DEMO_EXAMS: DemoExam[] = [
  {
    title: '2026年度学法用法考试',
    kind: 'law-study',
    description: '共同科目：宪法、民法典、行政处罚法、退役军人保障法、军人地位和权益保障法、信访工作条例。',
    blueprint: {
      passMark: 60,
      parts: [
        {
          key: 'common',
          title: '共同科目',
          source: { kind: 'common' },
          rules: [
            { type: 'single', count: 20, points: 2 },
            { type: 'multiple', count: 10, points: 3 },
            { type: 'true-false', count: 10, points: 2 },
            { type: 'fill-blank', count: 5, points: 2 },
          ],
        },
      ],
    },
    timeLimitMinutes: 60,
    attemptsAllowed: 3,
    grading: 'highest',
    reviewPolicy: 'after-submit',
    multipleMode: 'partial',
    maxFocusLoss: 10,
    audience: {},
  },
  ...QUALIFICATION_LINES.map(qualificationExam),
];

/** Who sits the demo exam with a written part (four staff of 区军队离退休干部休养所); the first two are marked. */
export const DEMO_MARKING_CANDIDATES = ['S0032', 'S0033', 'S0034', 'S0035'];

/**
 * A 行政执法资格考试 with a written part (简答题 and 案例分析题 from the common curriculum), so that a trainer sees a
 * marking queue at once: the candidates have sat it, two attempts are marked and two wait (待阅卷).
 */
export const DEMO_MARKING_EXAM: DemoExam = {
  title: '2026年行政执法资格考试（含简答与案例分析）',
  kind: 'qualification',
  description:
    '通用知识（客观题）与主观题（简答题、案例分析题）两部分，须分别及格。主观题由培训管理员按评分要点阅卷，阅卷完成后公布成绩。',
  blueprint: {
    passMark: 30,
    parts: [
      {
        key: 'general',
        title: '通用知识',
        source: { kind: 'common' },
        passMark: 18,
        rules: [{ type: 'single', count: 10, points: 3 }],
      },
      {
        key: 'written',
        title: '简答与案例分析',
        source: { kind: 'common' },
        passMark: 12,
        rules: [
          { type: 'short-answer', count: 1, points: 10 },
          { type: 'case', count: 1, points: 10 },
        ],
      },
    ],
  },
  timeLimitMinutes: 90,
  attemptsAllowed: 1,
  grading: 'highest',
  reviewPolicy: 'after-submit',
  multipleMode: 'all-or-nothing',
  audience: {},
};

/** What the demo candidates write (no article is cited: the markers judge it against the rubric). */
export const DEMO_WRITTEN_ANSWERS = [
  '行政机关应当依法查明事实，告知当事人拟作出决定的事实、理由和依据，并告知其陈述、申辩的权利，充分听取意见后依法作出决定。',
  '应当先核实情况，依法告知当事人享有的权利，听取陈述和申辩，证据确实充分后再依法处理，并做好记录。',
];
