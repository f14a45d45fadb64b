/**
 * Everyday use for trainers, managers and admins (issue #15): the exam builder, bank health, item statistics, the
 * question editor's citation, imports, the manager's dashboard and exports, and account and unit editing.
 */
import { Workbook } from 'exceljs';
import { DataSource } from 'typeorm';
import { toCsv } from '../src/common/sheet';
import { addObservation, EMPTY_ITEM_STATS } from '../src/exams/item-stats';
import { ItemStat } from '../src/exams/item-stat.entity';
import { flashText, pageLogin } from './helpers/pages';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

describe('desk: trainers, managers and admins', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000', LOGIN_THROTTLE_LIMIT: '1000' });
  });
  afterAll(async () => t.close());

  async function login(username: string) {
    const { res, cookie, csrf } = await pageLogin(t, username);
    expect(res.status).toBe(303);
    return { cookie, csrf };
  }

  const HEADERS = [
    '题型',
    '题干',
    '选项A',
    '选项B',
    '选项C',
    '选项D',
    '答案',
    '解析',
    '难度',
    '法规',
    '条款',
  ];
  /** Single-choice questions whose key is always the first option (a skewed bank), each citing 宪法第二条. */
  const skewedRows = (n: number, tag: string) =>
    Array.from({ length: n }, (_, i) => [
      '单选题',
      `${tag}宪法规定，中华人民共和国的一切权力属于（ ）。（第 ${i + 1} 题）`,
      '人民',
      '国家机关',
      '全国人民代表大会',
      '中国共产党',
      'A',
      '《宪法》第二条规定，中华人民共和国的一切权力属于人民。',
      1,
      '宪法',
      '第二条',
    ]);
  let bankSeq = 0;
  async function skewedBank(n = 10) {
    const token = await t.token('trainer');
    const bank = (
      await t
        .http()
        .post('/api/question-banks')
        .set(bearer(token))
        .send({ code: `desk-bank-${++bankSeq}`, title: `偏斜题库 ${bankSeq}`, curriculum: 'common' })
        .expect(201)
    ).body as { id: number; title: string };
    const imported = await t
      .http()
      .post(`/api/question-banks/import?dryRun=false&approve=true&bankId=${bank.id}`)
      .set(bearer(token))
      .attach('file', toCsv(HEADERS, skewedRows(n, `偏斜${bankSeq}`)), '偏斜.csv')
      .expect(200);
    expect(imported.body.imported).toBe(n);
    return bank;
  }

  const count = (text: string, part: string) => text.split(part).length - 1;

  describe('exam builder', () => {
    it('shows the running total, every unit, the trainers and the grading, shuffling and partial-credit controls', async () => {
      const s = await login('trainer');
      const page = (await t.http().get('/app/exams/new').set('Cookie', s.cookie).expect(200)).text;
      // The default first part adds up to 100 (it added up to 90).
      expect(page).toMatch(/id="exam-total"[^>]*>100</);
      // No Ctrl-click list boxes: every list is checkboxes.
      expect(page).not.toMatch(/<select[^>]*\smultiple[\s>=]/);
      // The trainer works in 政策法规科 but builds exams bureau-wide: the station units are offered.
      expect(page).toContain('区退役军人服务中心（站）');
      expect(page).toContain('政策法规科');
      expect(page).toMatch(/name="trainerIds" value="\d+"/);
      expect(page).toContain('周培训');
      for (const name of ['grading', 'multipleMode', 'shuffleQuestions', 'shuffleOptions'])
        expect(page).toContain(`name="${name}"`);
      expect(page).toContain('data-add-part');
      expect(page).toContain('type="search"');
      expect(page).toContain('/app/assets/builder.js');
    });

    it('saves grading, shuffling, partial credit and the trainers, and warns on the exam page when it is not 100', async () => {
      const s = await login('trainer');
      const token = await t.token('trainer');
      const trainer = (await t.http().get('/api/me').set(bearer(token))).body;
      const created = await t
        .http()
        .post('/app/exams')
        .set('Cookie', s.cookie)
        .type('form')
        .send({
          _csrf: s.csrf,
          title: '选项测试',
          kind: 'quarterly',
          passMark: '60',
          attemptsAllowed: '2',
          grading: 'last',
          multipleMode: 'partial',
          shuffleOptions: '1',
          trainerIds: [String(trainer.id)],
          unitIds: ['10'],
          p1_title: '共同',
          p1_source: 'common',
          p1_single_count: '20',
          p1_single_points: '2',
          p1_multiple_count: '10',
          p1_multiple_points: '3',
        })
        .expect(303);
      const id = Number(/\/app\/exams\/(\d+)/.exec(created.headers.location)![1]);
      const exam = (await t.http().get(`/api/exams/${id}`).set(bearer(token)).expect(200)).body;
      expect(exam).toMatchObject({
        grading: 'last',
        multipleMode: 'partial',
        shuffleQuestions: false,
        shuffleOptions: true,
        trainerIds: [trainer.id],
      });
      const detail = (await t.http().get(`/app/exams/${id}`).set('Cookie', s.cookie).expect(200)).text;
      expect(detail).toContain('满分为 70 分，不是 100 分');
      const edit = (await t.http().get(`/app/exams/${id}/edit`).set('Cookie', s.cookie).expect(200)).text;
      expect(edit).toMatch(/<option value="last"\s+selected/);
      expect(edit).toMatch(/name="shuffleQuestions" type="checkbox" value="1" \/>/);
      expect(edit).toMatch(/name="trainerIds" value="\d+" checked/);
      expect(edit).toMatch(/id="exam-total"[^>]*>70</);
    });

    it('asks before publishing, shows the bank-health warnings after, and prints a refusal once', async () => {
      const s = await login('trainer');
      const token = await t.token('trainer');
      const bank = await skewedBank();
      const make = async (count: number, source: object = { kind: 'common' }) =>
        (
          await t
            .http()
            .post('/api/exams')
            .set(bearer(token))
            .send({
              title: `发布确认 ${count}`,
              kind: 'quarterly',
              shuffleOptions: false,
              audience: { unitIds: [], lines: [], enforcementOnly: false, userIds: [] },
              blueprint: {
                passMark: 60,
                parts: [
                  {
                    key: 'p',
                    title: '共同',
                    source,
                    rules: [{ type: 'single', count, points: 100 / count }],
                  },
                ],
              },
            })
            .expect(201)
        ).body.id as number;
      const id = await make(10, { kind: 'banks', bankIds: [bank.id] });
      const ask = await t
        .http()
        .post(`/app/exams/${id}/publish`)
        .set('Cookie', s.cookie)
        .type('form')
        .send({ _csrf: s.csrf })
        .expect(200);
      expect(ask.text).toContain('确认发布');
      expect(ask.text).toContain('name="confirm" value="1"');
      expect((await t.http().get(`/api/exams/${id}`).set(bearer(token))).body.status).toBe('draft');
      const done = await t
        .http()
        .post(`/app/exams/${id}/publish`)
        .set('Cookie', s.cookie)
        .type('form')
        .send({ _csrf: s.csrf, confirm: '1' })
        .expect(200);
      expect(done.text).toContain('考试已发布');
      expect((await t.http().get(`/api/exams/${id}`).set(bearer(token))).body.status).toBe('published');
      // What the API's publish reports as warnings (a skewed bank) is on the page.
      const api = await t
        .http()
        .post(`/api/exams/${await make(10, { kind: 'banks', bankIds: [bank.id] })}/publish`)
        .set(bearer(token))
        .expect(200);
      expect(api.body.warnings.length).toBeGreaterThan(0);
      expect(done.text).toContain('发布检查发现以下情况');
      for (const w of api.body.warnings as string[]) expect(done.text).toContain(w);

      const tooMany = await make(5000 / 50);
      await t
        .http()
        .patch(`/api/exams/${tooMany}`)
        .set(bearer(token))
        .send({
          blueprint: {
            passMark: 60,
            parts: [
              {
                key: 'p',
                title: '共同',
                source: { kind: 'common' },
                rules: [{ type: 'single', count: 500, points: 0.2 }],
              },
            ],
          },
        });
      const refused = await t
        .http()
        .post(`/app/exams/${tooMany}/publish`)
        .set('Cookie', s.cookie)
        .type('form')
        .send({ _csrf: s.csrf, confirm: '1' })
        .expect(303);
      const message = flashText(refused);
      expect(message).toContain('题库题目不足，不能发布');
      const reason = message.replace(/^题库题目不足，不能发布：/, '');
      expect(count(message, reason)).toBe(1);
    });
  });

  describe('banks', () => {
    it('links each bank’s text export next to the Excel and YAML exports', async () => {
      const s = await login('trainer');
      const bank = await skewedBank();
      const list = (await t.http().get('/app/banks').set('Cookie', s.cookie).expect(200)).text;
      expect(list).toContain(`<a href="/api/question-banks/${bank.id}/export.txt">导出文本（.txt）</a>`);
    });

    it('has a 题库体检 page over the health API, linked from the bank list', async () => {
      const s = await login('trainer');
      const bank = await skewedBank();
      const list = (await t.http().get('/app/banks').set('Cookie', s.cookie).expect(200)).text;
      expect(list).toContain(`/app/banks/${bank.id}/health`);
      const api = (
        await t
          .http()
          .get(`/api/question-banks/${bank.id}/health`)
          .set(bearer(await t.token('trainer')))
      ).body;
      const page = (await t.http().get(`/app/banks/${bank.id}/health`).set('Cookie', s.cookie).expect(200))
        .text;
      expect(page).toContain(`题库体检：${bank.title}`);
      expect(api.warnings.length).toBeGreaterThan(0);
      for (const w of api.warnings as string[]) expect(page).toContain(w);
      expect(page).toMatch(/<th\s+scope="row"[^>]*>\s*A 项\s*<\/th>\s*<td\s*>10<\/td>\s*<td\s*>100.0%<\/td>/);
      expect(page).toContain(`从未出现在试卷或练习中的题目（10 道）`);
      await t.http().get('/app/banks/99999/health').set('Cookie', s.cookie).expect(404);
      const staff = await login('staff');
      await t.http().get(`/app/banks/${bank.id}/health`).set('Cookie', staff.cookie).expect(403);
    });

    it('shows 作答人次, sorts by discrimination with no figure last, and marks figures from few answers', async () => {
      const s = await login('trainer');
      const bank = await skewedBank(4);
      const ids = (
        await t
          .http()
          .get(`/api/questions?bankId=${bank.id}`)
          .set(bearer(await t.token('trainer')))
      ).body.items.map((q: { id: number }) => q.id) as number[];
      // Four questions: discrimination 1.00 over 40 answers, −1 over 2, none (one answer), 0.5-ish over 3.
      const state = (pairs: [number, number][]) =>
        pairs.reduce((st, [x, y]) => addObservation(st, x, y), EMPTY_ITEM_STATS);
      const many = Array.from({ length: 40 }, (_, i) => (i % 2 ? [1, 1] : [0, 0]) as [number, number]);
      await t.app
        .get(DataSource)
        .getRepository(ItemStat)
        .save([
          { questionId: ids[0], ...state(many) },
          {
            questionId: ids[1],
            ...state([
              [1, 0],
              [0, 1],
            ]),
          },
          { questionId: ids[2], ...state([[1, 0.5]]) },
          {
            questionId: ids[3],
            ...state([
              [1, 1],
              [0, 0.2],
              [1, 0.5],
            ]),
          },
        ]);
      const page = (await t.http().get(`/app/banks/${bank.id}/stats`).set('Cookie', s.cookie).expect(200))
        .text;
      const order = [...page.matchAll(/href="\/app\/questions\/(\d+)"/g)].map((m) => Number(m[1]));
      expect(order).toEqual([ids[1], ids[3], ids[0], ids[2]]);
      const rows = page.split('<tr>').slice(2);
      expect(rows[2]).toMatch(/<td\s*>\s*40\s*<\/td>/);
      expect(rows[2]).not.toContain('样本少');
      expect(rows[0]).toMatch(/<td\s*>\s*2\s*<span class="tag few"/);
      expect(rows[3]).toContain('样本少');
    });
  });

  describe('admins', () => {
    const form = (s: { cookie: string; csrf: string }, url: string, body: Record<string, unknown>) =>
      t
        .http()
        .post(url)
        .set('Cookie', s.cookie)
        .type('form')
        .send({ _csrf: s.csrf, ...body });

    it('creates an account with 业务条线 and 是否公务员, and edits unit, post, lines and flags', async () => {
      const s = await login('admin');
      const token = await t.token('admin');
      const newPage = (await t.http().get('/app/admin/users').set('Cookie', s.cookie).expect(200)).text;
      expect(newPage).toContain('name="businessLines"');
      expect(newPage).toContain('name="civilServant"');
      const created = await form(s, '/app/admin/users', {
        username: 'desk-new',
        name: '新同事',
        roles: ['staff'],
        unitId: '3',
        businessLines: ['care', 'rights'],
        civilServant: '1',
      }).expect(200); // the generated initial password is shown once, on the answer page
      expect(created.text).toContain('账号已创建');
      const list = (await t.http().get('/api/users?q=desk-new').set(bearer(token))).body.items;
      expect(list[0]).toMatchObject({ businessLines: ['care', 'rights'], civilServant: true, unitId: 3 });
      const id = list[0].id;

      const edit = (await t.http().get(`/app/admin/users/${id}/edit`).set('Cookie', s.cookie).expect(200))
        .text;
      expect(edit).toMatch(/name="businessLines" value="care" checked/);
      const saved = await form(s, `/app/admin/users/${id}/edit`, {
        name: '新同事',
        roles: ['staff'],
        unitId: '10',
        postTitle: '科员',
        businessLines: ['employment'],
        enforcementPost: '1',
        leader: '1',
      }).expect(303);
      expect(flashText(saved)).toContain('已保存');
      expect((await t.http().get(`/api/users/${id}`).set(bearer(token))).body).toMatchObject({
        unitId: 10,
        postTitle: '科员',
        businessLines: ['employment'],
        civilServant: false,
        enforcementPost: true,
        leader: true,
      });
      const bad = await form(s, `/app/admin/users/${id}/edit`, { name: '', roles: ['staff'] }).expect(303);
      expect(bad.headers.location).toBe(`/app/admin/users/${id}/edit`);
      expect(flashText(bad)).not.toBe('');
    });

    it('asks before 停用 and 重置密码, and an admin cannot disable their own account', async () => {
      const s = await login('admin');
      const token = await t.token('admin');
      const me = (await t.http().get('/api/me').set(bearer(token))).body;
      const other = (await t.http().get('/api/users?q=S0002').set(bearer(token))).body.items[0];
      const ask = await form(s, `/app/admin/users/${other.id}/disable`, {}).expect(200);
      expect(ask.text).toContain(`确认停用 ${other.name}`);
      expect((await t.http().get(`/api/users/${other.id}`).set(bearer(token))).body.disabled).toBe(false);
      await form(s, `/app/admin/users/${other.id}/disable`, { confirm: '1' }).expect(303);
      expect((await t.http().get(`/api/users/${other.id}`).set(bearer(token))).body.disabled).toBe(true);

      const askReset = await form(s, `/app/admin/users/${other.id}/reset-password`, {}).expect(200);
      expect(askReset.text).toContain('确认重置');
      expect(askReset.text).toContain('name="confirm" value="1"');

      // Their own row has no 停用 button; the page and the API refuse it.
      const list = (await t.http().get('/app/admin/users?q=admin').set('Cookie', s.cookie).expect(200)).text;
      expect(list).not.toContain(`/app/admin/users/${me.id}/disable`);
      expect(list).toContain('本人账号不能停用');
      const self = await form(s, `/app/admin/users/${me.id}/disable`, { confirm: '1' }).expect(303);
      expect(flashText(self)).toBe('不能停用自己的账号');
      const api = await t
        .http()
        .patch(`/api/users/${me.id}`)
        .set(bearer(token))
        .send({ disabled: true })
        .expect(400);
      expect(api.body.message).toContain('不能停用自己的账号');
      expect((await t.http().get('/api/me').set(bearer(token))).body.disabled).toBe(false);
    });

    it('edits a unit: name, parent and a leader from its own people', async () => {
      const s = await login('admin');
      const token = await t.token('admin');
      const tree = (await t.http().get('/api/units').set(bearer(token))).body;
      const flat: { id: number; name: string; parentId: number | null; children: unknown[] }[] = [];
      const walk = (ns: typeof flat) => ns.forEach((n) => (flat.push(n), walk(n.children as typeof flat)));
      walk(tree);
      const office = flat.find((u) => u.name === '办公室')!;
      const station = flat.find((u) => u.name === '区退役军人服务中心（站）')!;
      const people = (await t.http().get(`/api/users?unitId=${office.id}`).set(bearer(token))).body.items;
      const page = (
        await t.http().get(`/app/admin/units/${office.id}/edit`).set('Cookie', s.cookie).expect(200)
      ).text;
      expect(page).toContain(`value="${people[0].id}"`);
      await form(s, `/app/admin/units/${office.id}/edit`, {
        name: '办公室（综合）',
        parentId: String(office.parentId),
        leaderId: String(people[0].id),
      }).expect(303);
      const after = (await t.http().get(`/api/units/${office.id}`).set(bearer(token))).body;
      expect(after).toMatchObject({ name: '办公室（综合）', leaderId: people[0].id });
      const units = (await t.http().get('/app/admin/units').set('Cookie', s.cookie).expect(200)).text;
      expect(units).toContain(people[0].name);
      // A leader from another unit is refused with the reason.
      const stationPeople = (await t.http().get(`/api/users?unitId=${station.id}`).set(bearer(token))).body
        .items;
      const refused = await form(s, `/app/admin/units/${office.id}/edit`, {
        name: '办公室（综合）',
        leaderId: String(stationPeople[0].id),
      }).expect(303);
      expect(flashText(refused)).toContain('负责人须是“办公室（综合）”或其下级单位的人员');
      const api = await t
        .http()
        .patch(`/api/units/${office.id}`)
        .set(bearer(token))
        .send({ leaderId: stationPeople[0].id })
        .expect(400);
      expect(api.body.details[0].field).toBe('leaderId');
    });
  });

  describe('managers', () => {
    const binary = (
      res: { on: (e: string, f: (c?: Buffer) => void) => void },
      cb: (e: null, b: Buffer) => void,
    ) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c!));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    };

    it('adds a 本级 row where a unit has its own staff, so the drill-down rows add up', async () => {
      const s = await login('station-manager');
      const token = await t.token('station-manager');
      const api = (await t.http().get('/api/reports/certification').set(bearer(token)).expect(200)).body;
      const [centre] = api.byUnit;
      expect(centre.name).toBe('区退役军人服务中心（站）');
      expect(centre.ownLevel).not.toBeNull();
      const rows = [...centre.children, centre.ownLevel];
      expect(rows.reduce((n: number, r: { enforcementStaff: number }) => n + r.enforcementStaff, 0)).toBe(
        centre.enforcementStaff,
      );
      expect(rows.reduce((n: number, r: { certified: number }) => n + r.certified, 0)).toBe(centre.certified);
      const page = (await t.http().get('/app/dashboard').set('Cookie', s.cookie).expect(200)).text;
      const table = page.slice(
        page.indexOf('id="units-table"'),
        page.indexOf('</table>', page.indexOf('id="units-table"')),
      );
      expect(table).toContain('本级（区退役军人服务中心（站））');
      expect(table).toMatch(
        new RegExp(
          `本级（区退役军人服务中心（站））\\s*</th>\\s*<td\\s*>${centre.ownLevel.enforcementStaff}</td>\\s*<td\\s*>${centre.ownLevel.certified}</td>`,
        ),
      );
      // The chart above the table has the same rows: a bar per street station, then the 本级 bar with its figures.
      const chart = page.slice(page.indexOf('id="units-h"'), page.indexOf('id="units-table"'));
      expect(chart).toContain('aria-label="区退役军人服务中心（站）下属单位及本级持证率"');
      expect(chart.split('class="bar ').length - 1).toBe(centre.children.length + 1);
      const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
      const titles = [...chart.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);
      expect(titles[titles.length - 1]).toBe(
        `本级（区退役军人服务中心（站））：${pct(centre.ownLevel.share)}（${centre.ownLevel.certified}/${centre.ownLevel.enforcementStaff}）`,
      );
    });

    it("names the station manager's scope in the breadcrumb, not 全局", async () => {
      const s = await login('station-manager');
      const top = (await t.http().get('/app/dashboard').set('Cookie', s.cookie).expect(200)).text;
      const crumbs = (html: string) =>
        /<nav aria-label="层级" class="breadcrumb">([\s\S]*?)<\/nav>/.exec(html)![1];
      expect(crumbs(top)).toContain('区退役军人服务中心（站）');
      expect(crumbs(top)).not.toContain('全局');
      const token = await t.token('station-manager');
      const street = (await t.http().get('/api/reports/certification').set(bearer(token))).body.byUnit[0]
        .children[0];
      const down = (
        await t.http().get(`/app/dashboard?unit=${street.unitId}`).set('Cookie', s.cookie).expect(200)
      ).text;
      expect(crumbs(down)).not.toContain('全局');
      expect(crumbs(down).split('区退役军人服务中心（站）').length - 1).toBe(1);
      expect(crumbs(down)).toContain(street.name);
      const m = await login('manager');
      const bureau = (await t.http().get('/app/dashboard').set('Cookie', m.cookie).expect(200)).text;
      expect(crumbs(bureau)).toContain('区退役军人事务局');
    });

    it('shows 参考率 and 合格率 as bar charts like 持证率', async () => {
      const m = await login('manager');
      const page = (await t.http().get('/app/dashboard').set('Cookie', m.cookie).expect(200)).text;
      const charts = page.slice(page.indexOf('id="exam-charts"'), page.indexOf('id="exam-stats-table"'));
      expect(charts).toContain('aria-label="各场考试参考率"');
      expect(charts).toContain('aria-label="各场考试合格率"');
      expect(charts).toContain('2026年度学法用法考试');
      expect(charts.split('class="bar ').length - 1).toBeGreaterThanOrEqual(2);
    });

    it('exports XLSX with a title row, the scope and as-of date, a frozen header, percent and date formats and fitted widths', async () => {
      const token = await t.token('station-manager');
      const get = async (url: string) => {
        const res = await t.http().get(url).set(bearer(token)).buffer(true).parse(binary).expect(200);
        const wb = new Workbook();
        await wb.xlsx.load(res.body as unknown as ArrayBuffer);
        return wb.worksheets[0];
      };
      const ws = await get('/api/reports/certification?format=xlsx&asOf=2026-06-30');
      expect(ws.getCell('A1').value).toBe('持证率（截至2026-06-30）');
      expect(String(ws.getCell('A2').value)).toContain('统计范围：区退役军人服务中心（站）');
      expect(String(ws.getCell('A2').value)).toContain('截至：2026-06-30');
      expect(ws.getRow(3).values).toEqual([undefined, '分类', '名称', '执法岗位人数', '持证人数', '持证率']);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
      expect(ws.getCell('E4').numFmt).toBe('0.0%');
      expect(typeof ws.getCell('E4').value).toBe('number');
      const widths = [1, 2, 3, 4, 5].map((i) => ws.getColumn(i).width);
      expect(new Set(widths).size).toBeGreaterThan(1);
      expect(widths[1]).toBeGreaterThan(20); // 区退役军人服务中心（站） / … names
      const names: string[] = [];
      ws.eachRow((r, n) => n > 3 && names.push(String(r.getCell(2).value)));
      expect(names).toContain('区退役军人服务中心（站） / 本级');

      const annual = await get('/api/reports/annual?format=xlsx&year=2026');
      const rate = annual.getRows(4, 40)!.find((r) => r.getCell(1).value === '持证率')!;
      expect(rate.getCell(2).numFmt).toBe('0.0%');
      expect(typeof rate.getCell(2).value).toBe('number');

      const trend = await get('/api/reports/certification/trend?format=xlsx&year=2026');
      expect(trend.getCell('A4').value).toBeInstanceOf(Date);
      expect(trend.getCell('A4').numFmt).toBe('yyyy-mm-dd');
      expect(trend.getCell('D4').numFmt).toBe('0.0%');
    });
  });

  describe('question editor', () => {
    it("changes a question's citation and checks the article against the catalogue, on the page and the API", async () => {
      const s = await login('trainer');
      const token = await t.token('trainer');
      const bank = await skewedBank(1);
      const [q] = (await t.http().get(`/api/questions?bankId=${bank.id}`).set(bearer(token))).body.items;
      const page = (await t.http().get(`/app/questions/${q.id}`).set('Cookie', s.cookie).expect(200)).text;
      expect(page).toContain('name="citationRegulation"');
      expect(page).toContain('name="citationArticle"');
      const post = (body: Record<string, string>) =>
        t
          .http()
          .post(`/app/questions/${q.id}`)
          .set('Cookie', s.cookie)
          .type('form')
          .send({ _csrf: s.csrf, stem: q.stem, answer: 'A', ...body });
      // 第九百条 of the 85-article 退役军人保障法 (its text here is an excerpt): refused, and nothing saved.
      const refused = await post({
        citationRegulation: '中华人民共和国退役军人保障法',
        citationArticle: '900',
      }).expect(303);
      expect(flashText(refused)).toContain('《中华人民共和国退役军人保障法》共85条，没有第900条，请核对条号');
      expect((await t.http().get(`/api/questions/${q.id}`).set(bearer(token))).body.revision).toBe(
        q.revision,
      );
      const api = await t
        .http()
        .patch(`/api/questions/${q.id}`)
        .set(bearer(token))
        .send({ citation: { regulation: '退役军人保障法', article: 900 } })
        .expect(400);
      expect(api.body.details).toEqual([
        {
          field: 'citation.article',
          message: '《中华人民共和国退役军人保障法》共85条，没有第900条，请核对条号',
        },
      ]);
      // An article in the excerpt is verified and saved.
      const ok = await post({
        citationRegulation: '中华人民共和国退役军人保障法',
        citationArticle: '85',
      }).expect(303);
      expect(flashText(ok)).toBe('已保存为新版本');
      const saved = (await t.http().get(`/api/questions/${q.id}`).set(bearer(token))).body;
      expect(saved.regulation.code).toBe('veterans-protection-law');
      expect(saved.article).toBe(85);
      // An article within the law's 85 that the excerpt lacks: accepted, and said to be unchecked.
      const law = (await t.http().get('/api/regulations/veterans-protection-law').set(bearer(token))).body;
      const present = new Set((law.articles as { number: number }[]).map((a) => a.number));
      expect(present.size).toBeLessThan(85);
      const missing = Array.from({ length: 85 }, (_, i) => i + 1).find((n) => !present.has(n))!;
      const note = await t
        .http()
        .patch(`/api/questions/${q.id}`)
        .set(bearer(token))
        .send({ citation: { regulation: '退役军人保障法', article: missing } })
        .expect(200);
      expect(note.body.article).toBe(missing);
      expect(note.body.notes).toEqual([
        expect.stringContaining(`第${missing}条未与条文核对（未超过全文 85 条）`),
      ]);
      // A complete text refuses an article beyond its last.
      const regs = (await t.http().get('/api/regulations').set(bearer(token))).body as { code: string }[];
      let complete: {
        title: string;
        code: string;
        articles: unknown[];
        versions: { excerpt: boolean }[];
      } | null = null;
      for (const r of regs) {
        const d = (await t.http().get(`/api/regulations/${r.code}`).set(bearer(token))).body;
        if (d.articles?.length && d.versions.every((v: { excerpt: boolean }) => !v.excerpt)) {
          complete = d;
          break;
        }
      }
      expect(complete).not.toBeNull();
      const n = complete!.articles.length;
      const beyond = await t
        .http()
        .patch(`/api/questions/${q.id}`)
        .set(bearer(token))
        .send({ citation: { regulation: complete!.code, article: n + 1 } })
        .expect(400);
      expect(beyond.body.message).toBe(`《${complete!.title}》共${n}条，没有第${n + 1}条，请核对条号`);
    });
  });

  it('keeps the new pages to their roles', async () => {
    const staff = await login('staff');
    const trainer = await login('trainer');
    const manager = await login('manager');
    for (const [who, url] of [
      [staff, '/app/banks/1/health'],
      [manager, '/app/banks/1/health'],
      [trainer, '/app/admin/users/1/edit'],
      [manager, '/app/admin/users/1/edit'],
      [manager, '/app/admin/units/1/edit'],
    ] as const)
      await t.http().get(url).set('Cookie', who.cookie).expect(403);
    await t
      .http()
      .post('/app/admin/units/1/edit')
      .set('Cookie', manager.cookie)
      .type('form')
      .send({ _csrf: manager.csrf, name: '改名' })
      .expect(403);
    await t.http().get('/app/banks/1/health').set('Cookie', trainer.cookie).expect(200);
  });
});
