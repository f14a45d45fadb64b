import { isWrittenType } from '../src/question-bank/question.types';
import { localDay } from '../src/common/dates';
import { DataSource } from 'typeorm';
import { CurriculumService } from '../src/curriculum/curriculum.service';
import { ReadingSession } from '../src/curriculum/reading-session.entity';
import { StudyClock } from '../src/curriculum/study-clock.entity';
import { UsersService } from '../src/identity/users.service';
import { QuestionsService } from '../src/question-bank/questions.service';
import { MaterialsService } from '../src/study/materials.service';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

interface QuestionItem {
  id: number;
  status: string;
  needsReview: boolean;
  reviewReason: string | null;
  article: number | null;
}

describe('curriculum and study', () => {
  let t: TestApp;
  let staff: string;
  let trainer: string;
  let manager: string;
  let staffId: number;
  let s1Id: number;
  let s2Id: number;
  const today = localDay();

  beforeAll(async () => {
    t = await bootTestApp();
    staff = await t.token('staff');
    trainer = await t.token('trainer');
    manager = await t.token('manager');
    const users = t.app.get(UsersService);
    staffId = (await users.findByUsername('staff'))!.id;
    s1Id = (await users.findByUsername('S0001'))!.id;
    s2Id = (await users.findByUsername('S0002'))!.id;
  });
  afterAll(async () => t.close());

  const questionsOf = async (code: string): Promise<QuestionItem[]> => {
    const res = await t
      .http()
      .get(`/api/questions?regulation=${code}&pageSize=100`)
      .set(bearer(trainer))
      .expect(200);
    return res.body.items;
  };
  /**
   * The whole pool a fresh paper draws from for this document (the service every paper and practice draw uses),
   * checked against the practice API's count of it. A practice request returns at most 50 random questions, so
   * membership is checked on the pool itself.
   */
  const paperPool = async (code: string) => {
    const id = await t.app.get(CurriculumService).resolveRegulationId(code);
    const rows = await t.app
      .get(QuestionsService)
      .pool({ kind: 'regulations', regulationIds: [id as number] });
    const practice = await t
      .http()
      .post('/api/practice/questions')
      .set(bearer(staff))
      .send({ regulation: code, count: 1 })
      .expect(200);
    // Practice draws the same pool without the written questions (简答题, 案例分析题 need a marker).
    expect(practice.body.total).toBe(rows.filter((r) => !isWrittenType(r.type)).length);
    return { total: rows.length, questions: rows.map((r) => ({ id: r.id })) };
  };
  const uploadVersion = (code: string, text: string, fields: Record<string, string>, name = 'law.txt') => {
    let req = t.http().post(`/api/regulations/${code}/versions`).set(bearer(trainer));
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', Buffer.from(text, 'utf8'), name);
  };

  describe('a new version (改)', () => {
    const code = 'veterans-protection-law';
    let changed: number;
    let flaggedIds: number[];

    it('flags the questions citing a changed article and keeps them out of a fresh paper', async () => {
      const before = await questionsOf(code);
      const approved = before.filter((q) => q.status === 'approved' && !q.needsReview && q.article);
      expect(approved.length).toBeGreaterThan(0);
      changed = approved[0].article as number;
      flaggedIds = before.filter((q) => q.status !== 'retired' && q.article === changed).map((q) => q.id);
      const poolBefore = await paperPool(code);
      expect(poolBefore.questions.map((q) => q.id)).toEqual(expect.arrayContaining([approved[0].id]));

      const reg = await t.http().get(`/api/regulations/${code}`).set(bearer(staff)).expect(200);
      const articles: { number: number; label: string; chapter: string | null; text: string }[] =
        reg.body.articles;
      let chapter: string | null = null;
      const lines: string[] = ['中华人民共和国退役军人保障法'];
      for (const a of articles) {
        if (a.chapter && a.chapter !== chapter) lines.push(a.chapter);
        chapter = a.chapter ?? chapter;
        const text = a.number === changed ? a.text.replace(/。$/, '，并依照有关规定执行。') : a.text;
        lines.push(`${a.label}\u3000${text}`);
      }
      const res = await uploadVersion(code, lines.join('\n'), {
        label: '2026年修正（测试）',
        effectiveOn: today,
        excerpt: 'true',
      }).expect(201);
      expect(res.body.diff.changed.map((c: { number: number }) => c.number)).toEqual([changed]);
      expect(res.body.diff.affected).toEqual([changed]);
      expect(res.body.flagged).toBe(flaggedIds.length);

      const after = await questionsOf(code);
      for (const q of after.filter((x) => flaggedIds.includes(x.id))) {
        expect(q.needsReview).toBe(true);
        expect(q.reviewReason).toContain('2026年修正（测试）');
        expect(q.reviewReason).toContain(articles.find((a) => a.number === changed)!.label);
      }
      // questions citing other articles stay as they were
      for (const q of after.filter((x) => !flaggedIds.includes(x.id)))
        expect(q.needsReview).toBe(before.find((b) => b.id === q.id)!.needsReview);

      const queue = await t
        .http()
        .get(`/api/questions?needsReview=true&regulation=${code}&pageSize=100`)
        .set(bearer(trainer))
        .expect(200);
      expect(queue.body.items.map((q: { id: number }) => q.id)).toEqual(expect.arrayContaining(flaggedIds));

      const poolAfter = await paperPool(code);
      const drawn = poolAfter.questions.map((q) => q.id);
      for (const id of flaggedIds) expect(drawn).not.toContain(id);
      expect(poolAfter.total).toBe(poolBefore.total - approved.filter((q) => q.article === changed).length);

      const art = await t
        .http()
        .get(`/api/regulations/${code}/articles/${changed}`)
        .set(bearer(staff))
        .expect(200);
      expect(art.body.text).toContain('并依照有关规定执行');
      expect(art.body.version).toBe('2026年修正（测试）');
    });

    it('puts a re-approved question back into papers', async () => {
      const before = await paperPool(code);
      await t.http().post(`/api/questions/${flaggedIds[0]}/approve`).set(bearer(trainer)).expect(200);
      const after = await paperPool(code);
      expect(after.total).toBe(before.total + 1);
    });

    it('refuses a text that cannot be split with the line where it went wrong, and saves nothing', async () => {
      const before = await t.http().get(`/api/regulations/${code}`).set(bearer(staff)).expect(200);
      const res = await uploadVersion(code, '某某办法\n第一条\u3000甲。\n第三条\u3000丙。\n', {
        label: '坏版本',
      }).expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
      expect(res.body.details).toEqual([{ line: 3, message: expect.stringContaining('条文编号不连续') }]);
      const after = await t.http().get(`/api/regulations/${code}`).set(bearer(staff)).expect(200);
      expect(after.body.versions).toHaveLength(before.body.versions.length);
    });

    it('refuses a staff member and an unknown file type', async () => {
      await t
        .http()
        .post(`/api/regulations/${code}/versions`)
        .set(bearer(staff))
        .field('label', 'x')
        .attach('file', Buffer.from('第一条\u3000甲。'), 'a.txt')
        .expect(403);
      await uploadVersion(code, '%PDF', { label: 'x' }, 'law.pdf').expect(415);
    });

    it('records the change in the audit log', async () => {
      const admin = await t.token('admin');
      const res = await t.http().get('/api/audit?entity=regulation').set(bearer(admin)).expect(200);
      expect(res.body.map((e: { action: string }) => e.action)).toContain('regulation.version');
    });
  });

  describe('a repeal (废)', () => {
    const code = 'heroes-martyrs-protection-law';

    it('flags every question of the document and takes them all out of papers', async () => {
      const before = await questionsOf(code);
      const live = before.filter((q) => q.status !== 'retired');
      expect(live.length).toBeGreaterThan(0);
      expect((await paperPool(code)).total).toBeGreaterThan(0);
      const res = await t
        .http()
        .post(`/api/regulations/${code}/repeal`)
        .set(bearer(trainer))
        .send({ repealedOn: today, note: '测试废止' })
        .expect(200);
      expect(res.body.flagged).toBe(live.length);
      expect(res.body.regulation.status).toBe('repealed');
      const after = await questionsOf(code);
      for (const q of after.filter((x) => x.status !== 'retired')) {
        expect(q.needsReview).toBe(true);
        expect(q.reviewReason).toContain('废止');
      }
      expect((await paperPool(code)).total).toBe(0);
      const list = await t.http().get('/api/regulations').set(bearer(staff)).expect(200);
      expect(list.body.find((r: { code: string }) => r.code === code).status).toBe('repealed');
    });

    it('leaves it out of the compilation of documents in force', async () => {
      const json = await t.http().get('/api/materials/compilation').set(bearer(staff)).expect(200);
      expect(json.body.count).toBe(json.body.documents.length);
      expect(json.body.documents.map((d: { title: string }) => d.title)).not.toContain(
        '中华人民共和国英雄烈士保护法',
      );
      const old = await t
        .http()
        .get('/api/materials/compilation?asOf=2023-01-01&curriculum=care')
        .set(bearer(staff))
        .expect(200);
      expect(old.body.documents.map((d: { title: string }) => d.title)).toContain(
        '中华人民共和国英雄烈士保护法',
      );
      const html = await t.http().get('/api/materials/compilation.html').set(bearer(staff)).expect(200);
      expect(html.headers['content-type']).toContain('text/html');
      expect(html.text).toContain(`现行有效文件共 <strong>${json.body.count}</strong> 件`);
      const xlsx = await t
        .http()
        .get('/api/materials/compilation.xlsx')
        .set(bearer(staff))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(xlsx.headers['x-document-count']).toBe(String(json.body.count));
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      expect(decodeURIComponent(xlsx.headers['content-disposition'])).toMatch(
        /^attachment; filename\*=UTF-8''.+目录\.xlsx$/,
      );
      expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    });

    it('keeps the uploaded version and the repeal across a restart (the catalogue does not undo them)', async () => {
      await t.restart();
      staff = await t.token('staff');
      trainer = await t.token('trainer');
      manager = await t.token('manager');
      const reg = await t.http().get(`/api/regulations/${code}`).set(bearer(staff)).expect(200);
      expect(reg.body.status).toBe('repealed');
      const law = await t
        .http()
        .get('/api/regulations/veterans-protection-law')
        .set(bearer(staff))
        .expect(200);
      expect(law.body.currentVersion).toBe('2026年修正（测试）');
    });
  });

  describe('search', () => {
    it('finds a Chinese phrase inside an article with a highlighted snippet', async () => {
      const res = await t
        .http()
        .get(`/api/materials/search?q=${encodeURIComponent('统一制发')}`)
        .set(bearer(staff))
        .expect(200);
      expect(res.body.total).toBeGreaterThan(0);
      const hit = res.body.hits.find(
        (h: { regulation: { code: string } | null; article?: number }) =>
          h.regulation?.code === 'veterans-protection-law' && h.article === 15,
      );
      expect(hit).toBeDefined();
      expect(hit.snippet).toContain('<mark>统一制发</mark>');
      expect(hit.title).toContain('第十五条');
    });

    it('falls back to LIKE for two-character queries and finds document titles', async () => {
      const res = await t
        .http()
        .get(`/api/materials/search?q=${encodeURIComponent('烈士')}`)
        .set(bearer(staff))
        .expect(200);
      expect(res.body.hits.some((h: { kind: string }) => h.kind === 'regulation')).toBe(true);
      expect(res.body.hits.some((h: { snippet: string }) => h.snippet.includes('<mark>烈士</mark>'))).toBe(
        true,
      );
    });

    it('indexes materials as they are written, escaping their HTML', async () => {
      const created = await t
        .http()
        .post('/api/materials')
        .set(bearer(trainer))
        .send({
          kind: 'note',
          title: '讲义：报到期限要点',
          curriculum: 'common',
          body: '<script>x</script>退役军人报到须知要点测试',
          articles: [{ regulation: '退役军人保障法', article: 14 }],
        })
        .expect(201);
      const find = (q: string) =>
        t
          .http()
          .get(`/api/materials/search?q=${encodeURIComponent(q)}`)
          .set(bearer(staff))
          .expect(200);
      const hit = (await find('报到须知要点')).body.hits.find(
        (h: { materialId?: number }) => h.materialId === created.body.id,
      );
      expect(hit.snippet).toContain('<mark>报到须知要点</mark>');
      expect(hit.snippet).toContain('&lt;script&gt;');
      expect(hit.snippet).not.toContain('<script>');
      await t
        .http()
        .patch(`/api/materials/${created.body.id}`)
        .set(bearer(trainer))
        .send({ body: '改写后的讲义正文内容' })
        .expect(200);
      expect((await find('报到须知要点')).body.total).toBe(0);
      expect((await find('改写后的讲义')).body.hits[0].materialId).toBe(created.body.id);
      await t.http().delete(`/api/materials/${created.body.id}`).set(bearer(trainer)).expect(204);
      expect((await find('改写后的讲义')).body.total).toBe(0);
    });

    it('answers in under 50 ms on the seeded corpus', async () => {
      const sut = t.app.get(MaterialsService);
      await sut.search('退役军人');
      const times: number[] = [];
      for (const q of ['退役军人', '优待证', '烈士', '人民政府 退役军人', '抚恤优待']) {
        const start = process.hrtime.bigint();
        await sut.search(q);
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      times.sort((a, b) => a - b);
      expect(times[Math.floor(times.length / 2)]).toBeLessThan(50);
    });

    it('lists materials by curriculum, with the demo cases marked 示例', async () => {
      const res = await t.http().get('/api/materials').set(bearer(staff)).expect(200);
      expect(res.body[0].curriculum).toBe('common');
      const cases = res.body.flatMap((g: { materials: { kind: string; title: string; sample: boolean }[] }) =>
        g.materials.filter((m) => m.kind === 'case'),
      );
      expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) {
        expect(c.sample).toBe(true);
        expect(c.title).toContain('示例');
      }
      const one = await t.http().get(`/api/materials/${cases[0].id}`).set(bearer(staff)).expect(200);
      expect(one.body.articles.length).toBeGreaterThan(0);
    });
  });

  describe('study hours', () => {
    const ds = () => t.app.get(DataSource);
    const beat = (body: object, token = staff) =>
      t.http().post('/api/study/heartbeat').set(bearer(token)).send(body).expect(200);
    /** Moves the reading clock back, as if the page had been open that long. */
    const rewind = async (userId: number, seconds: number) => {
      const when = new Date(Date.now() - seconds * 1000);
      await ds()
        .createQueryBuilder()
        .update(ReadingSession)
        .set({ lastBeatAt: when })
        .where('userId = :userId', { userId })
        .execute();
      await ds()
        .createQueryBuilder()
        .update(StudyClock)
        .set({ creditedUntil: null })
        .where('userId = :userId', { userId })
        .execute();
    };
    const readingSeconds = async (userId: number) => {
      const rows: { s: string | number | null }[] = await ds().query(
        `SELECT SUM(seconds) AS s FROM study_credit WHERE "userId" = ${userId} AND source = 'reading'`,
      );
      return Number(rows[0].s ?? 0);
    };

    it('credits active reading, but nothing for beats too fast or idle', async () => {
      const code = 'constitution';
      expect((await beat({ regulationCode: code, secondsSinceActivity: 1 })).body).toMatchObject({
        credited: 0,
        reason: 'first-beat',
      });
      expect((await beat({ regulationCode: code, secondsSinceActivity: 1 })).body).toMatchObject({
        credited: 0,
        reason: 'too-fast',
      });
      await rewind(staffId, 45);
      const ok = (await beat({ regulationCode: code, secondsSinceActivity: 3 })).body;
      expect(ok.credited).toBeGreaterThanOrEqual(45);
      expect(ok.credited).toBeLessThanOrEqual(46);
      await rewind(staffId, 45);
      expect((await beat({ regulationCode: code, secondsSinceActivity: 900 })).body).toMatchObject({
        credited: 0,
        reason: 'idle',
      });
      await rewind(staffId, 45);
      expect(
        (await beat({ regulationCode: code, active: false, secondsSinceActivity: 0 })).body,
      ).toMatchObject({
        credited: 0,
        reason: 'idle',
      });
      expect(await readingSeconds(staffId)).toBe(ok.credited);
    });

    it('credits a burst of parallel beats only once', async () => {
      const before = await readingSeconds(staffId);
      await rewind(staffId, 50);
      const results = await Promise.all(
        Array.from({ length: 8 }, () => beat({ regulationCode: 'constitution', secondsSinceActivity: 2 })),
      );
      const credited = results.reduce((s, r) => s + r.body.credited, 0);
      expect(credited).toBeGreaterThanOrEqual(50);
      expect(credited).toBeLessThanOrEqual(51);
      expect(await readingSeconds(staffId)).toBe(before + credited);
    });

    it('refuses a heartbeat without a material, and for an unknown one', async () => {
      await t
        .http()
        .post('/api/study/heartbeat')
        .set(bearer(staff))
        .send({ secondsSinceActivity: 1 })
        .expect(400);
      await t
        .http()
        .post('/api/study/heartbeat')
        .set(bearer(staff))
        .send({ materialId: 99999, secondsSinceActivity: 1 })
        .expect(404);
    });

    it('credits every attendee of a group study session and shows it in their progress', async () => {
      const before = await t
        .http()
        .get('/api/study/progress')
        .set(bearer(await t.token('S0002')))
        .expect(200);
      const res = await t
        .http()
        .post('/api/group-studies')
        .set(bearer(trainer))
        .send({
          heldOn: today,
          topic: '集体学法：退役军人保障法（测试）',
          minutes: 90,
          materials: { regulations: ['veterans-protection-law'] },
          attendeeIds: [staffId, s2Id],
        })
        .expect(201);
      expect(res.body.attendeeIds).toEqual([staffId, s2Id]);
      const after = await t
        .http()
        .get('/api/study/progress')
        .set(bearer(await t.token('S0002')))
        .expect(200);
      expect(after.body.targetHours).toBe(40);
      const group = after.body.bySource.find((s: { source: string }) => s.source === 'group-study');
      expect(
        group.seconds -
          before.body.bySource.find((s: { source: string }) => s.source === 'group-study').seconds,
      ).toBe(5400);
      expect(after.body.hours).toBeGreaterThanOrEqual(1.5);
      const s1 = await t
        .http()
        .get('/api/study/progress')
        .set(bearer(await t.token('S0001')))
        .expect(200);
      expect(s1.body.bySource.find((s: { source: string }) => s.source === 'group-study').seconds).toBe(0);
      await t
        .http()
        .post('/api/group-studies')
        .set(bearer(trainer))
        .send({ heldOn: today, topic: '无效', minutes: 30, attendeeIds: [999999] })
        .expect(400);
    });

    it('reports campaign completion per person and per unit', async () => {
      const c = await t
        .http()
        .post('/api/campaigns')
        .set(bearer(trainer))
        .send({
          title: '法规学习月（测试）',
          kind: 'law-month',
          startsOn: today,
          endsOn: today,
          requiredHours: 1,
          audience: { userIds: [staffId, s1Id, s2Id] },
          materials: { regulations: ['veterans-protection-law'] },
        })
        .expect(201);
      const res = await t
        .http()
        .get(`/api/campaigns/${c.body.id}/completion`)
        .set(bearer(manager))
        .expect(200);
      expect(res.body.total).toBe(3);
      // the 90-minute session on the campaign's document counts; S0001 did nothing
      const byUser = new Map(
        res.body.persons.map((p: { userId: number; completed: boolean }) => [p.userId, p.completed]),
      );
      expect(byUser.get(staffId)).toBe(true);
      expect(byUser.get(s2Id)).toBe(true);
      expect(byUser.get(s1Id)).toBe(false);
      expect(res.body.completed).toBe(2);
      const units = res.body.units as { unitName: string; total: number; completed: number }[];
      expect(units.reduce((s, u) => s + u.total, 0)).toBe(3);
      expect(units.reduce((s, u) => s + u.completed, 0)).toBe(2);
      const mine = await t.http().get('/api/campaigns').set(bearer(staff)).expect(200);
      expect(mine.body.find((x: { id: number }) => x.id === c.body.id)).toMatchObject({
        assigned: true,
        mine: { completed: true },
      });
      await t.http().get(`/api/campaigns/${c.body.id}/completion`).set(bearer(staff)).expect(403);
    });
  });
});
