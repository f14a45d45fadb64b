/**
 * The four journeys of the web UI in a real browser: playwright-core driving Debian's chromium (headless).
 * Screenshots go to test-artifacts/. Without chromium the suite is skipped with a visible message — except in CI
 * (CI=true), where a missing browser fails the run.
 */
import * as path from 'node:path';
import { Workbook } from 'exceljs';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Attempt } from '../src/exams/attempt.entity';
import { ARTIFACTS, browserSuite, login as formLogin, shot, useBrowser } from './helpers/browser';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

/** The page's `document`, as the functions passed to page.evaluate/waitForFunction use it (no DOM lib here). */
declare const document: {
  getElementById(id: string): { textContent: string | null } | null;
  documentElement: { scrollWidth: number };
  dispatchEvent(event: unknown): boolean;
};
declare const Event: new (type: string) => unknown;

browserSuite('browser journeys', () => {
  let t: TestApp;
  const browser = useBrowser();
  jest.setTimeout(120_000);

  beforeAll(async () => {
    t = await bootTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000', SAVE_GRACE_MS: '2000' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const open = (viewport: { width: number; height: number }, mobile = false) =>
    browser.open({ viewport, mobile });
  const login = (page: Page, username: string) => formLogin(page, t.url, username);

  const secondsShown = async (page: Page): Promise<number> => {
    const text = (await page.textContent('#countdown'))!.trim();
    const parts = text.split(':').map(Number);
    return parts.reduce((s, n) => s * 60 + n, 0);
  };

  /** Answers question n (0-based) with its first option (or text for a blank); returns the fieldset id. */
  async function answer(page: Page, n: number): Promise<string> {
    const fs_ = page.locator('fieldset.question').nth(n);
    const type = await fs_.getAttribute('data-type');
    if (type === 'fill-blank') await fs_.locator('input').first().fill('答案');
    else await fs_.locator('input').first().check();
    return (await fs_.getAttribute('id'))!;
  }

  it('1. staff on a phone: start, answer, reload (answers and countdown kept), submit, see the result', async () => {
    const page = await open({ width: 375, height: 740 }, true);
    await login(page, 'staff');
    const card = page.locator('li.card', { hasText: '2026年度学法用法考试' });
    await card.getByRole('button', { name: '开始考试' }).click();
    await page.waitForURL(/\/app\/attempts\/\d+$/);
    const attemptId = Number(page.url().split('/').pop());
    const answered = [await answer(page, 0), await answer(page, 1), await answer(page, 3)];
    await page.waitForFunction(
      () => document.getElementById('save-status')?.textContent === '答案已全部保存',
    );
    expect(await page.locator('.navigator ol .nav-item.answered').count()).toBe(3);
    await shot(page, 'journey1-exam-phone');
    // Nothing overflows the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.waitForTimeout(1500);
    await page.reload();
    for (const id of answered) {
      const fs_ = page.locator(`#${id}`);
      const type = await fs_.getAttribute('data-type');
      if (type === 'fill-blank') expect(await fs_.locator('input').first().inputValue()).toBe('答案');
      else expect(await fs_.locator('input').first().isChecked()).toBe(true);
    }
    // The countdown continues from the server's deadline.
    const token = await t.token('staff');
    const server = (await t.http().get(`/api/attempts/${attemptId}`).set(bearer(token))).body;
    const serverLeft = (Date.parse(server.deadline) - Date.parse(server.serverNow)) / 1000;
    await page.waitForFunction(() =>
      /\d+:\d\d/.test(document.getElementById('countdown')?.textContent ?? ''),
    );
    const shown = await secondsShown(page);
    expect(Math.abs(shown - serverLeft)).toBeLessThanOrEqual(3);
    expect(shown).toBeLessThan(3600);
    await shot(page, 'journey1-after-reload-phone');

    await page.getByRole('button', { name: '交卷' }).click();
    const dialog = page.locator('dialog#confirm');
    await expect(dialog.isVisible()).resolves.toBe(true);
    const text = await dialog.textContent();
    expect(text).toContain('第 3、5、6');
    await shot(page, 'journey1-confirm-phone');
    await page.getByRole('button', { name: '确认交卷' }).click();
    await page.waitForURL(/\/result$/);
    await expect(page.textContent('#verdict')).resolves.toMatch(/合格|不合格/);
    expect(await page.textContent('main')).toContain('共同科目');
    expect(await page.textContent('main')).toContain('本人交卷');
    await shot(page, 'journey1-result-phone');
  });

  it('2. the clock runs out with the page open: submitted automatically, result shown', async () => {
    const token = await t.token('S0002');
    const start = await t.http().post('/api/exams/1/attempts').set(bearer(token)).expect(201);
    const page = await open({ width: 1280, height: 800 });
    await login(page, 'S0002');
    await page.goto(`${t.url}/app/attempts/${start.body.id}`);
    await answer(page, 0);
    // Only now, with the page open and an answer given, the server's deadline moves to 15 s from now; the page
    // learns it when it re-reads the attempt (as it does when it becomes visible again). No race with the login.
    await t.app
      .get(DataSource)
      .getRepository(Attempt)
      .update(start.body.id, { deadline: new Date(Date.now() + 15_000) });
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.waitForFunction(() => {
      const parts = (document.getElementById('countdown')?.textContent ?? '').split(':').map(Number);
      return parts.length === 2 && parts[0] === 0 && parts[1] <= 15;
    });
    const left = await secondsShown(page);
    expect(left).toBeLessThanOrEqual(15);
    await shot(page, 'journey2-clock-running');
    await page.waitForURL(/\/result$/, { timeout: 30_000 });
    expect(await page.textContent('main')).toContain('考试时间到，系统自动交卷');
    await expect(page.textContent('#verdict')).resolves.toMatch(/合格|不合格/);
    await shot(page, 'journey2-auto-submitted');
  });

  it('3. a trainer uploads a bank with two mistakes, sees both lines, fixes the file and confirms', async () => {
    const page = await open({ width: 1280, height: 900 });
    await login(page, 'trainer');
    await page.goto(`${t.url}/app/banks`);
    const lines = (answer5: string, answer8: string) =>
      [
        '一、单选题',
        '1. 浏览器测试：退役军人保障法自（ ）起施行。',
        'A. 2020年11月11日',
        'B. 2021年1月1日',
        answer5,
        '法规：《退役军人保障法》第八十五条',
        '三、判断题',
        '2. 浏览器测试：退役军人保障法所称退役军人包括依法退出现役的军官。',
        answer8,
        '法规：《退役军人保障法》第二条',
        '',
      ].join('\n');
    const bad = lines('答案：E', '');
    await page.selectOption('#bank-id', { index: 1 });
    await page.setInputFiles('#upload-file', {
      name: 'bank.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(bad),
    });
    await page.getByRole('button', { name: '检查文件（不导入）' }).click();
    const table = page.locator('table.errors');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows[0]).toContain('第 5 行');
    expect(rows[0]).toContain('答案“E”不在选项');
    expect(rows[1]).toContain('第 8 行');
    expect(rows[1]).toContain('缺少“答案”');
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await shot(page, 'journey3-errors');

    await page.setInputFiles('#upload-file', {
      name: 'bank.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(lines('答案：B', '答案：对')),
    });
    await page.getByRole('button', { name: '检查文件（不导入）' }).click();
    await page.locator('.upload-result .flash.ok').waitFor();
    expect(await page.textContent('.upload-result')).toContain('检查通过：共 2 题');
    // The preview shows each question as it will be stored: key marked, citation, outcome.
    const items = page.locator('.preview-box .preview-item');
    expect(await items.count()).toBe(2);
    const first = await items.nth(0).textContent();
    expect(first).toContain('第 2 行 · 单选题 · 草稿');
    expect(first).toContain('新题');
    expect(first).toContain('B. 2021年1月1日（答案）');
    expect(first).toContain('法规：《退役军人保障法》第八十五条');
    expect(await items.nth(1).textContent()).toContain('答案：正确');
    expect(await page.locator('.preview-box button').count()).toBe(0);
    await shot(page, 'journey3-preview');
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.locator('.upload-result .flash.ok', { hasText: '导入完成' }).waitFor();
    expect(await page.textContent('.upload-result')).toContain('导入 2 题');
    await shot(page, 'journey3-imported');
    const list = await t
      .http()
      .get('/api/questions?q=浏览器测试')
      .set(bearer(await t.token('trainer')));
    expect(list.body.total).toBe(2);
  });

  it('4. a manager sees the certified share the API reports, drills into a station, downloads the XLSX', async () => {
    const token = await t.token('manager');
    const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
    const api = await t.http().get('/api/reports/certification').set(bearer(token)).expect(200);
    const page = await open({ width: 1280, height: 900 });
    await login(page, 'manager');
    await page.goto(`${t.url}/app/dashboard`);
    expect(await page.textContent('#certified-share')).toBe(pct(api.body.share));
    expect(Number(await page.textContent('#enforcement-count'))).toBe(api.body.enforcementStaff);
    // One SVG bar per unit under the bureau, then 本级 for the bureau's own staff (as in the table), and one bar
    // per station level.
    const units = api.body.byUnit[0].children as { name: string }[];
    const ownLevel = api.body.byUnit[0].ownLevel as object | null;
    const unitChart = page.locator('#units-h ~ figure.chart svg');
    expect(await unitChart.locator('rect.bar').count()).toBe(units.length + (ownLevel ? 1 : 0));
    if (ownLevel) expect(await unitChart.locator('text.bar-label').last().textContent()).toMatch(/^本级/);
    const levels = api.body.byStationLevel as { label: string; share: number | null }[];
    const levelChart = page.locator('#levels-h ~ figure.chart svg');
    expect(await levelChart.locator('rect.bar').count()).toBe(levels.length);
    for (const l of levels)
      expect(await page.locator('#levels-table tr', { hasText: l.label }).textContent()).toContain(
        pct(l.share),
      );
    await shot(page, 'journey4-dashboard');

    // Drill into the district station: the page shows the API's figures for that subtree.
    const station = page.locator('#units-table a', { hasText: '区退役军人服务中心' });
    const name = (await station.textContent())!.trim();
    await station.click();
    await page.waitForURL(/unit=\d+/);
    const unitId = Number(new URL(page.url()).searchParams.get('unit'));
    expect(await page.textContent('.breadcrumb')).toContain(name);
    const sub = await t
      .http()
      .get(`/api/reports/certification?unitId=${unitId}`)
      .set(bearer(token))
      .expect(200);
    expect(sub.body.byUnit[0].name).toBe(name);
    expect(await page.textContent('#certified-share')).toBe(pct(sub.body.share));
    const streets = sub.body.byUnit[0].children as { name: string }[];
    expect(streets.length).toBeGreaterThan(0);
    // One row per street station, and 本级 for the centre's own staff (so the rows add up).
    expect(await page.locator('#units-table tbody tr').filter({ hasNotText: '本级' }).count()).toBe(
      streets.length,
    );
    await shot(page, 'journey4-drilldown');

    // The XLSX of the subtree holds the same numbers as the JSON.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '持证率 Excel（XLSX）' }).click(),
    ]);
    const file = path.join(ARTIFACTS, 'journey4-certification.xlsx');
    await download.saveAs(file);
    const wb = new Workbook();
    await wb.xlsx.readFile(file);
    const rows: unknown[][] = [];
    wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const total = rows.find((r) => r[0] === '合计')!;
    expect(total).toBeDefined();
    expect(Number(total[2])).toBe(sub.body.enforcementStaff);
    expect(Number(total[3])).toBe(sub.body.certified);
    const own = rows.find((r) => r[0] === '单位' && r[1] === name)!;
    expect(Number(own[3])).toBe(sub.body.byUnit[0].certified);
  });

  it('5. staff on a phone search the law, see the hits highlighted, read an article and send heartbeats', async () => {
    const page = await open({ width: 375, height: 740 }, true);
    await login(page, 'staff');
    await page.goto(`${t.url}/app/study`);
    await page.fill('#s-q', '退役军人');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/\/app\/study\/search\?q=/);
    const marks = page.locator('.search-hits mark');
    expect(await marks.count()).toBeGreaterThan(0);
    expect(await marks.first().textContent()).toBe('退役军人');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, 'journey5-search-phone');

    const hit = page.locator('.search-hits a[href*="#a"]').first();
    const [first] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/api/study/heartbeat') && r.method() === 'POST'),
      hit.click(),
    ]);
    await page.waitForURL(/\/app\/study\/[a-z-]+#a\d+$/);
    const body = first.postDataJSON() as {
      regulationCode: string;
      active: boolean;
      secondsSinceActivity: number;
    };
    expect(body.regulationCode).toMatch(/^[a-z-]+$/);
    expect(typeof body.active).toBe('boolean');
    expect(body.secondsSinceActivity).toBeGreaterThanOrEqual(0);
    const res = await first.response();
    expect(res!.status()).toBeLessThan(300);
    await page.mouse.wheel(0, 400);
    await page.waitForFunction(() =>
      /今日已计入|已暂停|上限/.test(document.getElementById('study-clock')?.textContent ?? ''),
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, 'journey5-reading-phone');
  });
});
