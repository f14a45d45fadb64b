import { DataSource } from 'typeorm';
import { answerExam } from './helpers/sit-exam';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

describe('certificates', () => {
  let t: TestApp;
  let staff: string;
  let manager: string;
  let stationManager: string;
  let qualificationId: number;
  const db = () => t.app.get(DataSource);

  beforeAll(async () => {
    t = await bootTestApp();
    staff = await t.token('staff');
    manager = await t.token('manager');
    stationManager = await t.token('station-manager');
    const available = await t.http().get('/api/exams/available').set(bearer(staff)).expect(200);
    qualificationId = available.body.find((e: { kind: string }) => e.kind === 'qualification').id;
  });
  afterAll(async () => t.close());

  it('issues exactly one enforcement certificate for a passed qualification exam, even under 10 parallel submits', async () => {
    const attemptId = await answerExam(t, 'staff', qualificationId, ['general', 'specialty']);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => t.http().post(`/api/attempts/${attemptId}/submit`).set(bearer(staff))),
    );
    for (const r of results) expect(r.body).toMatchObject({ passed: true });
    const mine = await t.http().get('/api/certificates/mine').set(bearer(staff)).expect(200);
    expect(mine.body).toHaveLength(1);
    const year = new Date().getUTCFullYear();
    expect(mine.body[0]).toMatchObject({
      kind: 'enforcement',
      status: 'valid',
      source: 'exam',
      examId: qualificationId,
      number: expect.stringMatching(new RegExp(`^XZZF-${year}-\\d{5}$`)),
    });
    // Five years' validity: the last valid day is the day before the fifth anniversary.
    const issued = new Date(`${mine.body[0].issuedOn}T00:00:00Z`);
    issued.setUTCFullYear(issued.getUTCFullYear() + 5);
    issued.setUTCDate(issued.getUTCDate() - 1);
    expect(mine.body[0].expiresOn).toBe(issued.toISOString().slice(0, 10));
    const rows = await db().query(
      `SELECT COUNT(*) AS n FROM certificate WHERE "sourceAttemptId" = ${attemptId}`,
    );
    expect(Number(rows[0].n)).toBe(1);
    const audit = await db().query(
      `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'certificate.issue' AND "entityId" = '${mine.body[0].id}'`,
    );
    expect(Number(audit[0].n)).toBe(1);
  });

  it('issues none when one part fails, even though the total would pass', async () => {
    // 通用 worth 80 (pass mark 48), 专门 worth 20 (pass mark 12), total pass mark 60: the 通用 part alone, answered
    // with the key, gives 80 of 100 — a pass on the total — while 专门 scores 0.
    const trainer = await t.token('trainer');
    const created = await t
      .http()
      .post('/api/exams')
      .set(bearer(trainer))
      .send({
        title: '资格考试（专门知识不及格）',
        kind: 'qualification',
        blueprint: {
          passMark: 60,
          parts: [
            {
              key: 'general',
              title: '通用知识',
              source: { kind: 'common' },
              passMark: 48,
              rules: [{ type: 'single', count: 8, points: 10 }],
            },
            {
              key: 'specialty',
              title: '专门知识',
              source: { kind: 'common' },
              passMark: 12,
              rules: [{ type: 'true-false', count: 4, points: 5 }],
            },
          ],
        },
        timeLimitMinutes: 60,
        attemptsAllowed: 1,
        reviewPolicy: 'after-submit',
        multipleMode: 'partial',
        opensAt: new Date(Date.now() - 3600_000).toISOString(),
        closesAt: new Date(Date.now() + 86400_000).toISOString(),
        audience: {},
      })
      .expect(201);
    await t.http().post(`/api/exams/${created.body.id}/publish`).set(bearer(trainer)).expect(200);
    const candidate = 'S0044';
    const attemptId = await answerExam(t, candidate, created.body.id, ['general']);
    const token = await t.token(candidate);
    const result = await t.http().post(`/api/attempts/${attemptId}/submit`).set(bearer(token)).expect(200);
    expect(result.body).toMatchObject({ score: 80, maxScore: 100, passed: false });
    const parts = Object.fromEntries(
      result.body.parts.map((p: { key: string; passed: boolean; score: number }) => [p.key, p]),
    );
    expect(parts.general).toMatchObject({ score: 80, passed: true });
    expect(parts.specialty).toMatchObject({ score: 0, passed: false });
    const rows = await db().query(
      `SELECT COUNT(*) AS n FROM certificate WHERE "sourceAttemptId" = ${attemptId}`,
    );
    expect(Number(rows[0].n)).toBe(0);
    const userId = (await db().query(`SELECT id FROM "user" WHERE username = '${candidate}'`))[0].id;
    const exam = await db().query(
      `SELECT COUNT(*) AS n FROM certificate WHERE "userId" = ${Number(userId)} AND source = 'exam'`,
    );
    expect(Number(exam[0].n)).toBe(0);
  });

  it('verifies a number + code publicly with a masked name and nothing else', async () => {
    const [cert] = (await t.http().get('/api/certificates/mine').set(bearer(staff)).expect(200)).body;
    const page = await t.http().get(`/api/certificates/${cert.id}/print`).set(bearer(staff)).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('王学员');
    expect(page.text).toContain('@page');
    const code = /验证码：<b>([A-Z0-9]+)<\/b>/.exec(page.text)![1];

    const ok = await t
      .http()
      .get('/api/certificates/verify')
      .query({ number: cert.number, code })
      .expect(200);
    expect(Object.keys(ok.body).sort()).toEqual([
      'holder',
      'kindLabel',
      'number',
      'status',
      'statusLabel',
      'valid',
    ]);
    expect(ok.body).toMatchObject({ number: cert.number, valid: true, holder: '王**' });
    expect(JSON.stringify(ok.body)).not.toContain('学员');

    const wrong = await t
      .http()
      .get('/api/certificates/verify')
      .query({ number: cert.number, code: 'AAAAAAAAAA' })
      .expect(404);
    const unknown = await t
      .http()
      .get('/api/certificates/verify')
      .query({ number: 'NOPE-1', code })
      .expect(404);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(JSON.stringify(wrong.body)).not.toContain('王');

    const html = await t
      .http()
      .get(`/verify/${encodeURIComponent(cert.number)}`)
      .query({ code })
      .expect(200);
    expect(html.text).toContain('证书有效');
    expect(html.text).toContain('王**');
    expect(html.text).not.toContain('王学员');
    // Someone else's certificate is not theirs to print.
    const other = await t.token('S0003');
    await t.http().get(`/api/certificates/${cert.id}/print`).set(bearer(other)).expect(404);
  });

  it('suspends, reinstates and revokes with a reason, audited; a revoked certificate cannot be reinstated', async () => {
    const [cert] = (await t.http().get('/api/certificates/mine').set(bearer(staff)).expect(200)).body;
    await t
      .http()
      .post(`/api/certificates/${cert.id}/suspend`)
      .set(bearer(staff))
      .send({ reason: '测试' })
      .expect(403);
    await t.http().post(`/api/certificates/${cert.id}/suspend`).set(bearer(manager)).send({}).expect(400);
    const s = await t
      .http()
      .post(`/api/certificates/${cert.id}/suspend`)
      .set(bearer(manager))
      .send({ reason: '涉嫌违规执法，暂停核查' })
      .expect(201);
    expect(s.body).toMatchObject({ status: 'suspended', statusReason: '涉嫌违规执法，暂停核查' });
    const r = await t
      .http()
      .post(`/api/certificates/${cert.id}/reinstate`)
      .set(bearer(manager))
      .send({ reason: '核查无问题' })
      .expect(201);
    expect(r.body.status).toBe('valid');
    await t
      .http()
      .post(`/api/certificates/${cert.id}/revoke`)
      .set(bearer(manager))
      .send({ reason: '调离' })
      .expect(201);
    const again = await t
      .http()
      .post(`/api/certificates/${cert.id}/reinstate`)
      .set(bearer(manager))
      .send({ reason: '误操作' })
      .expect(409);
    expect(again.body.message).toContain('已吊销');
    const audit = await db().query(
      `SELECT action FROM audit_log WHERE entity = 'certificate' AND "entityId" = '${cert.id}' ORDER BY id`,
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'certificate.issue',
      'certificate.suspend',
      'certificate.reinstate',
      'certificate.revoke',
    ]);
    const verify = await t
      .http()
      .get('/api/certificates/verify')
      .query({
        number: cert.number,
        code: (await db().query(`SELECT "verificationCode" AS c FROM certificate WHERE id = ${cert.id}`))[0]
          .c,
      })
      .expect(200);
    expect(verify.body).toMatchObject({ valid: false, status: 'revoked' });
  });

  it('registers a certificate obtained elsewhere and renews it once, keeping the history', async () => {
    const reg = await t
      .http()
      .post('/api/certificates')
      .set(bearer(manager))
      .send({
        staffNo: 'S0004',
        kind: 'enforcement',
        number: '外A2023000001',
        issuedOn: '2023-03-01',
        issuer: '区司法局',
      })
      .expect(201);
    expect(reg.body).toMatchObject({ expiresOn: '2028-02-29', status: 'valid', source: 'registered' });
    await t
      .http()
      .post('/api/certificates')
      .set(bearer(manager))
      .send({ staffNo: 'S0005', kind: 'enforcement', number: '外A2023000001', issuedOn: '2023-03-01' })
      .expect(409);
    const renewed = await t
      .http()
      .post(`/api/certificates/${reg.body.id}/renew`)
      .set(bearer(manager))
      .send({})
      .expect(201);
    expect(renewed.body).toMatchObject({ renewsId: reg.body.id, userId: reg.body.userId, source: 'renewal' });
    expect(renewed.body.number).toMatch(/^XZZF-/);
    await t.http().post(`/api/certificates/${reg.body.id}/renew`).set(bearer(manager)).send({}).expect(409);
    const old = await t.http().get(`/api/certificates/${reg.body.id}`).set(bearer(manager)).expect(200);
    expect(old.body.renewedById).toBe(renewed.body.id);
  });

  it('keeps a station manager to their subtree', async () => {
    // S0001 works in 办公室 (a department), outside the district station's subtree.
    await t
      .http()
      .post('/api/certificates')
      .set(bearer(stationManager))
      .send({ staffNo: 'S0001', kind: 'enforcement', number: '外B-1', issuedOn: '2024-01-01' })
      .expect(404);
    const list = await t.http().get('/api/certificates').set(bearer(stationManager)).expect(200);
    const all = await t
      .http()
      .get('/api/certificates')
      .query({ pageSize: 500 })
      .set(bearer(manager))
      .expect(200);
    expect(list.body.total).toBeGreaterThan(0);
    expect(list.body.total).toBeLessThan(all.body.total);
    expect(list.body.items.every((c: { unitName: string }) => /服务/.test(c.unitName))).toBe(true);
    await t.http().get('/api/certificates').set(bearer(staff)).expect(403);
  });

  it('imports a certificate register with row-precise Chinese errors, dry run and mode=valid', async () => {
    const csv = [
      '工号,姓名,证书编号,证书类型,发证日期,有效期至,发证机关',
      'S0006,,导入-0001,行政执法资格证,2024-05-01,,区司法局',
      'NOPE99,,导入-0002,行政执法资格证,2024-05-01,,',
      'S0007,,导入-0003,驾驶证,2024/13/01,,',
      'S0008,,导入-0001,执法证,2024-06-01,2023-01-01,',
      'S0009,,导入-0004,培训合格证,2025年3月15日,,',
    ].join('\n');
    const bad = await t
      .http()
      .post('/api/certificates/import?dryRun=false')
      .set(bearer(manager))
      .attach('file', Buffer.from(csv), '证书.csv')
      .expect(422);
    expect(bad.body.message).toContain('未导入任何数据');
    expect(bad.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          row: 3,
          column: 'A',
          field: '工号',
          message: expect.stringContaining('不存在'),
        }),
        expect.objectContaining({ row: 4, column: 'D', field: '证书类型' }),
        expect.objectContaining({ row: 4, column: 'E', field: '发证日期' }),
        expect.objectContaining({
          row: 5,
          column: 'C',
          field: '证书编号',
          message: expect.stringContaining('第2行重复'),
        }),
      ]),
    );
    expect(
      Number((await db().query(`SELECT COUNT(*) AS n FROM certificate WHERE number LIKE '导入-%'`))[0].n),
    ).toBe(0);
    const dry = await t
      .http()
      .post('/api/certificates/import?mode=valid')
      .set(bearer(manager))
      .attach('file', Buffer.from(csv), '证书.csv')
      .expect(201);
    expect(dry.body).toMatchObject({ dryRun: true, written: false, created: 2 });
    const done = await t
      .http()
      .post('/api/certificates/import?mode=valid&dryRun=false')
      .set(bearer(manager))
      .attach('file', Buffer.from(csv), '证书.csv')
      .expect(201);
    expect(done.body).toMatchObject({ written: true, created: 2 });
    const rows = await db().query(
      `SELECT number, kind, "issuedOn", "expiresOn" FROM certificate WHERE number LIKE '导入-%' ORDER BY number`,
    );
    expect(rows).toEqual([
      { number: '导入-0001', kind: 'enforcement', issuedOn: '2024-05-01', expiresOn: '2029-04-30' },
      { number: '导入-0004', kind: 'training', issuedOn: '2025-03-15', expiresOn: '2030-03-14' },
    ]);
    // The same file again changes nothing.
    const again = await t
      .http()
      .post('/api/certificates/import?mode=valid&dryRun=false')
      .set(bearer(manager))
      .attach('file', Buffer.from(csv), '证书.csv')
      .expect(201);
    expect(again.body).toMatchObject({ created: 0, unchanged: 2 });
    await t.http().get('/api/certificates/template.xlsx').set(bearer(manager)).expect(200);
  });
});
