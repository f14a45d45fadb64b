/**
 * Exam integrity (issue #12): each case was reproduced against the demo data before the fix; each test here failed
 * on that code. Keys never leak during a live exam, options are labelled by position, nobody acts on their own
 * attempt or certificate, and only administrators grant roles.
 */
import { DataSource } from 'typeorm';
import { toCsv } from '../src/common/sheet';
import { AttemptsRepository } from '../src/exams/attempts.repository';
import { keyAsShown, keyRevealed } from './helpers/sit-exam';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

interface Shown {
  id: number;
  type: string;
  options: { key: string; text: string }[];
  response: unknown;
}

describe('exam integrity', () => {
  let t: TestApp;
  let trainer: string;
  let admin: string;
  let manager: string;
  let stationManager: string;
  let lawStudyId: number;
  const db = () => t.app.get(DataSource);
  /** An attempt's paper as stored. */
  const paperOf = async (attemptId: number) => (await t.app.get(AttemptsRepository).paper(attemptId))!;

  beforeAll(async () => {
    t = await bootTestApp();
    trainer = await t.token('trainer');
    admin = await t.token('admin');
    manager = await t.token('manager');
    stationManager = await t.token('station-manager');
    const available = await t
      .http()
      .get('/api/exams/available')
      .set(bearer(await t.token('staff')));
    lawStudyId = available.body.find((e: { kind: string }) => e.kind === 'law-study').id;
  });
  afterAll(async () => t.close());

  const start = async (token: string, examId = lawStudyId) => {
    const r = await t.http().post(`/api/exams/${examId}/attempts`).set(bearer(token));
    expect([200, 201]).toContain(r.status);
    return r.body as { id: number; questions: Shown[] };
  };
  const bankQuestion = async (id: number) =>
    (await t.http().get(`/api/questions/${id}`).set(bearer(trainer)).expect(200)).body;

  describe('keys do not leak during a live exam', () => {
    it('practice reveals nothing about a question of the live paper, and is paused while the exam runs', async () => {
      const s = await t.token('S0011');
      const paper = await start(s);
      const q = paper.questions[0];
      const rev = (await paperOf(paper.id))[0].revisionId;
      const res = await t
        .http()
        .post('/api/practice/answer')
        .set(bearer(s))
        .send({ questionId: q.id, revisionId: Number(rev), response: null })
        .expect(409);
      expect(res.body.message).toBe('考试进行中，练习暂停');
      expect(res.body).not.toHaveProperty('answer');
      expect(res.body).not.toHaveProperty('explanation');
      await t.http().post('/api/practice/questions').set(bearer(s)).send({}).expect(409);
      await t.http().post(`/api/attempts/${paper.id}/submit`).set(bearer(s)).expect(200);

      // After the exam: still no key for a question practice did not hand out to this person.
      const after = await t
        .http()
        .post('/api/practice/answer')
        .set(bearer(s))
        .send({ questionId: q.id, revisionId: Number(rev), response: null })
        .expect(404);
      expect(after.body).not.toHaveProperty('answer');
    });

    it('practice answers a handed-out question once, as it was shown', async () => {
      const s = await t.token('S0012');
      const qs = (
        await t.http().post('/api/practice/questions').set(bearer(s)).send({ count: 20 }).expect(200)
      ).body.questions as (Shown & { revisionId: number })[];
      const q = qs.find((x) => x.type === 'single' || x.type === 'multiple')!;
      expect(q.options.map((o) => o.key)).toEqual(['A', 'B', 'C', 'D', 'E', 'F'].slice(0, q.options.length));
      const bank = await bankQuestion(q.id);
      const body = { questionId: q.id, revisionId: q.revisionId, response: keyAsShown(q, bank) };
      const first = await t.http().post('/api/practice/answer').set(bearer(s)).send(body).expect(200);
      expect(first.body).toMatchObject({ correct: true, answer: keyRevealed(q, bank) });
      await t.http().post('/api/practice/answer').set(bearer(s)).send(body).expect(404);
    });

    it('keeps a manager who must sit the exam out of colleagues’ reviews until they have sat it', async () => {
      const s = await t.token('S0013');
      const paper = await start(s);
      await t.http().post(`/api/attempts/${paper.id}/submit`).set(bearer(s)).expect(200);
      // The bureau manager is in the law-study audience (everyone on staff) and has not sat it.
      for (const path of ['review', 'detail']) {
        const res = await t.http().get(`/api/attempts/${paper.id}/${path}`).set(bearer(manager)).expect(403);
        expect(res.body.message).toContain('在您完成考试前不能查看他人的答卷');
      }
      // The administrator is not a candidate: the review is readable.
      await t.http().get(`/api/attempts/${paper.id}/review`).set(bearer(admin)).expect(200);
    });

    it('lets a trainer reach only the papers of exams they run', async () => {
      const other = await t
        .http()
        .post('/api/users')
        .set(bearer(admin))
        .send({
          username: 'trainer2',
          name: '郑培训',
          roles: ['trainer'],
          password: 'Trainer2@2026x',
          mustChangePassword: false,
        })
        .expect(201);
      const trainer2 = await t.token('trainer2');
      const s = await t.token('S0014');
      const paper = await start(s);
      await t.http().get(`/api/attempts/${paper.id}/detail`).set(bearer(trainer2)).expect(404);
      await t
        .http()
        .post(`/api/attempts/${paper.id}/extend`)
        .set(bearer(trainer2))
        .send({ minutes: 5, reason: '未受指派' })
        .expect(404);
      await t.http().get(`/api/exams/${lawStudyId}/roster`).set(bearer(trainer2)).expect(403);
      // Assigned to the exam, the same trainer reaches it (not a candidate: no staff role).
      await t
        .http()
        .patch(`/api/exams/${lawStudyId}`)
        .set(bearer(trainer))
        .send({ trainerIds: [other.body.id] })
        .expect(200);
      await t.http().get(`/api/attempts/${paper.id}/detail`).set(bearer(trainer2)).expect(200);
      await t.http().get(`/api/exams/${lawStudyId}/roster`).set(bearer(trainer2)).expect(200);
      await t.http().post(`/api/attempts/${paper.id}/submit`).set(bearer(s)).expect(200);
    });
  });

  describe('options are labelled by position', () => {
    it('shows A, B, C… in display order and stores the bank key of the option chosen', async () => {
      const s = await t.token('S0015');
      const paper = await start(s);
      const choice = paper.questions.filter((q) => q.type === 'single' || q.type === 'multiple');
      expect(choice.length).toBeGreaterThan(0);
      for (const q of choice)
        expect(q.options.map((o) => o.key)).toEqual(
          ['A', 'B', 'C', 'D', 'E', 'F'].slice(0, q.options.length),
        );
      // The stored order really is shuffled somewhere on the paper, yet no letter is out of place.
      const orders = (await paperOf(paper.id))
        .filter((it) => it.type === 'single' || it.type === 'multiple')
        .map((it) => it.optionOrder as string[]);
      expect(orders.some((o) => o.join('') !== [...o].sort().join(''))).toBe(true);

      const single = choice.find((q) => q.type === 'single')!;
      await t
        .http()
        .put(`/api/attempts/${paper.id}/answers/${single.id}`)
        .set(bearer(s))
        .send({ response: 'A', seq: 1 })
        .expect(200);
      const row = (await t.app.get(AttemptsRepository).paperItems(paper.id)).find(
        (it) => it.questionId === single.id,
      )!;
      expect(JSON.parse(row.response!)).toBe((row.optionOrder as string[])[0]);
      const resumed = await t.http().get(`/api/attempts/${paper.id}`).set(bearer(s)).expect(200);
      expect(resumed.body.questions.find((q: Shown) => q.id === single.id).response).toBe('A');
      // A letter that was not shown is refused.
      await t
        .http()
        .put(`/api/attempts/${paper.id}/answers/${single.id}`)
        .set(bearer(s))
        .send({ response: 'H', seq: 2 })
        .expect(400);
      await t.http().post(`/api/attempts/${paper.id}/submit`).set(bearer(s)).expect(200);
    });

    it('reviews each question exactly as the candidate saw it', async () => {
      const s = await t.token('S0016');
      const examId = (
        await t
          .http()
          .post('/api/exams')
          .set(bearer(trainer))
          .send({
            title: '一次性测验（看答案）',
            kind: 'quarterly',
            attemptsAllowed: 1,
            reviewPolicy: 'after-submit',
            audience: { userIds: [(await t.http().get('/api/me').set(bearer(s))).body.id] },
            blueprint: {
              passMark: 6,
              parts: [
                {
                  key: 'p',
                  title: '共同科目',
                  source: { kind: 'common' },
                  rules: [
                    { type: 'single', count: 5, points: 1 },
                    { type: 'multiple', count: 5, points: 1 },
                  ],
                },
              ],
            },
          })
          .expect(201)
      ).body.id;
      await t.http().post(`/api/exams/${examId}/publish`).set(bearer(trainer)).expect(200);
      const paper = await start(s, examId);
      for (const [i, q] of paper.questions.entries())
        await t
          .http()
          .put(`/api/attempts/${paper.id}/answers/${q.id}`)
          .set(bearer(s))
          .send({ response: q.type === 'single' ? 'B' : ['A', 'C'], seq: i + 1 })
          .expect(200);
      await t.http().post(`/api/attempts/${paper.id}/submit`).set(bearer(s)).expect(200);
      const review = (await t.http().get(`/api/attempts/${paper.id}/review`).set(bearer(s)).expect(200)).body;
      for (const q of paper.questions) {
        const r = review.questions.find((x: Shown) => x.id === q.id);
        expect(r.options).toEqual(q.options);
        expect(r.response).toEqual(q.type === 'single' ? 'B' : ['A', 'C']);
        expect(r.answer).toEqual(keyRevealed(q, await bankQuestion(q.id)));
        const right = JSON.stringify(r.answer) === JSON.stringify(r.response);
        expect(r.state === 'correct').toBe(right);
      }
    });
  });

  describe('nobody acts on their own attempt or certificate', () => {
    it('refuses a station manager reopening their own attempt, and a trainer extending or invalidating theirs', async () => {
      const mine = await start(stationManager);
      await t.http().post(`/api/attempts/${mine.id}/submit`).set(bearer(stationManager)).expect(200);
      const reopen = await t
        .http()
        .post(`/api/attempts/${mine.id}/reopen`)
        .set(bearer(stationManager))
        .send({ minutes: 600, reason: '本人重开' })
        .expect(403);
      expect(reopen.body.message).toContain('不能对本人的答卷执行此操作');

      const own = await start(trainer);
      for (const [action, body] of [
        ['extend', { minutes: 600, reason: '本人延时' }],
        ['invalidate', { reason: '本人作废' }],
      ] as const)
        await t.http().post(`/api/attempts/${own.id}/${action}`).set(bearer(trainer)).send(body).expect(403);
      const after = await t.http().get(`/api/attempts/${own.id}`).set(bearer(trainer)).expect(200);
      expect(after.body.status).toBe('in-progress');
      expect(after.body.deadline).toBe((own as unknown as { deadline: string }).deadline);
    });

    it('requires a reason for every attempt action and shows it on the candidate’s record', async () => {
      const token = await t.token('S0017');
      const paper = await start(token);
      const missing = await t
        .http()
        .post(`/api/attempts/${paper.id}/extend`)
        .set(bearer(trainer))
        .send({ minutes: 10 })
        .expect(400);
      expect(JSON.stringify(missing.body.details)).toContain('reason');
      await t
        .http()
        .post(`/api/attempts/${paper.id}/extend`)
        .set(bearer(trainer))
        .send({ minutes: 10, reason: '考场停电二十分钟' })
        .expect(200);
      const record = (await t.http().get('/api/me/record').set(bearer(token)).expect(200)).body;
      expect(record[0]).toMatchObject({
        action: 'attempt.extend',
        actionLabel: '延长作答时间',
        actorName: '周培训',
        reason: '考场停电二十分钟',
        subject: '2026年度学法用法考试',
        minutes: 10,
      });
      await t.http().post(`/api/attempts/${paper.id}/submit`).set(bearer(token)).expect(200);
    });

    it('refuses a station manager certifying themselves, and reinstating their own suspended certificate', async () => {
      const me = (await t.http().get('/api/me').set(bearer(stationManager))).body;
      const self = await t
        .http()
        .post('/api/certificates')
        .set(bearer(stationManager))
        .send({ userId: me.id, number: 'ZZ-SELF-1', issuedOn: '2026-01-05', kind: 'enforcement' })
        .expect(403);
      expect(self.body.message).toContain('不能登记、换发或变更本人的证书');
      expect((await t.http().get('/api/certificates/mine').set(bearer(stationManager))).body).toEqual([]);

      // The bureau manager registers one for the station manager, then suspends it.
      const cert = await t
        .http()
        .post('/api/certificates')
        .set(bearer(manager))
        .send({ userId: me.id, number: 'ZZ-SM-1', issuedOn: '2026-01-05', kind: 'enforcement' })
        .expect(201);
      await t
        .http()
        .post(`/api/certificates/${cert.body.id}/suspend`)
        .set(bearer(manager))
        .send({ reason: '执法过错调查' })
        .expect(201);
      for (const [action, body] of [
        ['reinstate', { reason: '本人操作' }],
        ['revoke', { reason: '本人操作' }],
        ['renew', {}],
      ] as const)
        await t
          .http()
          .post(`/api/certificates/${cert.body.id}/${action}`)
          .set(bearer(stationManager))
          .send(body)
          .expect(403);
      const still = (await t.http().get(`/api/certificates/${cert.body.id}`).set(bearer(stationManager)))
        .body;
      expect(still.status).toBe('suspended');
      const record = (await t.http().get('/api/me/record').set(bearer(stationManager))).body;
      expect(record.map((r: { action: string }) => r.action)).toEqual([
        'certificate.suspend',
        'certificate.register',
      ]);
      expect(record[0]).toMatchObject({ actorName: '吴局长', reason: '执法过错调查', subject: 'ZZ-SM-1' });
    });

    it('refuses a certificate import row for the importing manager', async () => {
      const res = await t
        .http()
        .post('/api/certificates/import?dryRun=true')
        .set(bearer(manager))
        .attach(
          'file',
          toCsv(
            ['工号', '证书编号', '发证日期'],
            [
              [
                (await t.http().get('/api/me').set(bearer(manager))).body.staffNo ?? 'manager',
                'ZZ-M-1',
                '2026-01-05',
              ],
            ],
          ),
          'c.csv',
        );
      expect(res.status).toBe(422);
      expect(JSON.stringify(res.body.details)).toContain('不能为本人登记证书');
    });
  });

  describe('only administrators grant roles', () => {
    const headers = ['姓名', '工号', '单位', '岗位', '是否公务员', '是否执法岗位', '业务条线', '角色'];
    const importAs = (token: string, rows: string[][]) =>
      t
        .http()
        .post('/api/roster/import?dryRun=false&mode=all')
        .set(bearer(token))
        .attach('file', toCsv(headers, rows), '花名册.csv');

    it('refuses a station manager making a trainer in a community station', async () => {
      const res = await importAs(stationManager, [
        ['新出题人', 'T9001', '光明社区退役军人服务站', '科员', '否', '否', '', '出题人'],
      ]).expect(422);
      expect(res.body.details[0]).toMatchObject({ row: 2, field: '角色' });
      expect(res.body.details[0].message).toContain('只有系统管理员可以授予');
      expect((await db().query(`SELECT COUNT(*) AS n FROM "user" WHERE "staffNo" = 'T9001'`))[0].n).toBe(
        t.config.database.type === 'postgres' ? '0' : 0,
      );
    });

    it('refuses a manager stripping another manager’s role, and lets an administrator do it', async () => {
      const sm = (await t.http().get('/api/me').set(bearer(stationManager))).body;
      const row = [
        sm.name,
        sm.staffNo ?? sm.username,
        '区退役军人服务中心（站）',
        '站长',
        '是',
        '否',
        '就业创业',
        '学员',
      ];
      const refused = await importAs(manager, [row]).expect(422);
      expect(refused.body.details[0].message).toContain('只有系统管理员可以修改');
      const roles = async () =>
        (await t.http().get(`/api/users/${sm.id}`).set(bearer(admin)).expect(200)).body.roles;
      expect(await roles()).toContain('manager');
      await importAs(admin, [row]).expect(201);
      expect(await roles()).not.toContain('manager');
    });
  });

  describe('bank health', () => {
    /** A bank whose keys a candidate could guess: every single-choice key A, every true/false true. */
    const skewedBank = () => {
      const lines = [
        'bank:',
        '  code: skewed-demo',
        '  title: 偏斜题库（测试）',
        '  curriculum: common',
        'questions:',
      ];
      for (let i = 1; i <= 10; i++)
        lines.push(
          `  - id: s-${i}`,
          '    type: single',
          `    stem: 偏斜测试单选题第${i}题：行政处罚的设定和实施遵循哪项原则？`,
          `    options: { A: 公正、公开 ${i}, B: 从重 ${i}, C: 从快 ${i}, D: 从严 ${i} }`,
          '    answer: A',
          '    explanation: 《行政处罚法》第五条规定，行政处罚遵循公正、公开的原则。',
          '    cite: { regulation: administrative-penalty-law, article: 5 }',
        );
      for (let i = 1; i <= 8; i++)
        lines.push(
          `  - id: t-${i}`,
          '    type: true-false',
          `    stem: 偏斜测试判断题第${i}题：行政处罚遵循公正、公开的原则。`,
          '    answer: true',
          '    explanation: 《行政处罚法》第五条规定，行政处罚遵循公正、公开的原则。',
          '    cite: { regulation: administrative-penalty-law, article: 5 }',
        );
      return lines.join('\n') + '\n';
    };

    it('shows trainers where the keys pile up, and warns when an exam that draws from it is published', async () => {
      const imported = await t
        .http()
        .post('/api/question-banks/import?dryRun=false&approve=true')
        .set(bearer(trainer))
        .attach('file', Buffer.from(skewedBank()), 'skewed.yaml');
      expect([200, 201]).toContain(imported.status);
      const bank = (await t.http().get('/api/question-banks').set(bearer(trainer))).body.find(
        (b: { code: string }) => b.code === 'skewed-demo',
      );

      const health = (
        await t.http().get(`/api/question-banks/${bank.id}/health`).set(bearer(trainer)).expect(200)
      ).body;
      expect(health).toMatchObject({ approved: 18, single: { count: 10, byPosition: { A: 10 } } });
      expect(health.warnings).toEqual(
        expect.arrayContaining([
          '单选题的正确答案集中在 A 项（10/10，100%）',
          '判断题答案偏向“正确”（8/8，100%）',
        ]),
      );
      expect(health.neverShown).toHaveLength(18);
      for (const who of [manager, await t.token('staff')])
        await t.http().get(`/api/question-banks/${bank.id}/health`).set(bearer(who)).expect(403);

      const publish = async (shuffleOptions: boolean) => {
        const created = await t
          .http()
          .post('/api/exams')
          .set(bearer(trainer))
          .send({
            title: `偏斜题库测验（${shuffleOptions ? '打乱' : '不打乱'}选项）`,
            kind: 'quarterly',
            shuffleOptions,
            audience: {
              userIds: [
                (
                  await t
                    .http()
                    .get('/api/me')
                    .set(bearer(await t.token('S0018')))
                ).body.id,
              ],
            },
            blueprint: {
              passMark: 6,
              parts: [
                {
                  key: 'p',
                  title: '偏斜',
                  source: { kind: 'banks', bankIds: [bank.id] },
                  rules: [
                    { type: 'single', count: 5, points: 1 },
                    { type: 'true-false', count: 5, points: 1 },
                  ],
                },
              ],
            },
          })
          .expect(201);
        return (await t.http().post(`/api/exams/${created.body.id}/publish`).set(bearer(trainer)).expect(200))
          .body.warnings as string[];
      };
      expect(await publish(false)).toEqual([
        '第1部分“偏斜”题库：单选题的正确答案集中在 A 项（10/10，100%）',
        '第1部分“偏斜”题库：判断题答案偏向“正确”（8/8，100%）',
      ]);
      // Shuffled options are labelled by position, so the position no longer gives the key away.
      expect(await publish(true)).toEqual(['第1部分“偏斜”题库：判断题答案偏向“正确”（8/8，100%）']);
    });
  });
});
