/**
 * The exam builder in a real browser at 1366×768 (issue #15): a two-part exam with its running total, the second
 * part added without losing what was typed, a unit found with the list's search, and publishing with its
 * confirmation. playwright-core driving Debian's chromium (headless); without chromium the suite is skipped with a
 * message — except in CI (CI=true), where a missing browser fails the run.
 */
import type { Page } from 'playwright-core';
import { toCsv } from '../src/common/sheet';
import { browserSuite, login, shot, useBrowser } from './helpers/browser';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

browserSuite('browser: the exam builder', () => {
  let t: TestApp;
  const browser = useBrowser();
  jest.setTimeout(120_000);

  beforeAll(async () => {
    t = await bootTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const open = (): Promise<Page> => browser.open({ viewport: { width: 1366, height: 768 } });
  const signIn = (page: Page, username: string) => login(page, t.url, username);

  it('builds a two-part exam with the total shown, then publishes it after confirming', async () => {
    const page = await open();
    await signIn(page, 'trainer');

    await page.goto(`${t.url}/app/exams/new`);
    await page.fill('#x-title', '浏览器组卷测试');
    // The default first part adds up to 100.
    await page.waitForFunction(() => document.getElementById('exam-total')?.textContent === '100');
    expect(await page.textContent('[data-part-total="1"]')).toBe('100');
    // Part 1: 10 single-choice questions fewer (−20 points): the total follows and warns.
    await page.fill('input[name="p1_single_count"]', '10');
    expect(await page.textContent('#exam-total')).toBe('80');
    expect(await page.textContent('#exam-total-warnings')).toContain('满分为 80 分，不是 100 分');

    // 增加一个部分: the third part shows in the page; nothing typed is lost.
    expect(await page.isVisible('fieldset[data-part="3"]')).toBe(false);
    await page.click('[data-add-part]');
    expect(await page.isVisible('fieldset[data-part="3"]')).toBe(true);
    expect(await page.inputValue('#x-title')).toBe('浏览器组卷测试');
    expect(await page.inputValue('input[name="p1_single_count"]')).toBe('10');

    // Part 2 makes up the 20 points: 10 true/false questions at 2 points.
    await page.fill('#p2-title', '第二部分');
    await page.selectOption('#p2-source', 'common');
    await page.fill('input[name="p2_true-false_count"]', '10');
    await page.fill('input[name="p2_true-false_points"]', '2');
    expect(await page.textContent('[data-part-total="2"]')).toBe('20');
    expect(await page.textContent('#exam-total')).toBe('100');
    expect((await page.textContent('#exam-total-warnings'))!.trim()).toBe('');

    // The unit list is checkboxes with a search box; the trainer may name a station outside their own unit.
    await page.fill('#x-units-q', '服务中心');
    const station = page.locator('#x-units label.checkbox', { hasText: '区退役军人服务中心（站）' });
    expect(await station.isVisible()).toBe(true);
    expect(await page.locator('#x-units label.checkbox', { hasText: '办公室' }).isVisible()).toBe(false);
    await station.locator('input').check();
    await page.fill('#x-units-q', '');
    await shot(page, 'desk-exam-builder');

    await page.click('#exam-form button[type="submit"].primary');
    await page.waitForURL(/\/app\/exams\/\d+$/);
    const id = Number(/\/app\/exams\/(\d+)/.exec(page.url())![1]);
    // Publishing asks first; 取消 leaves it a draft, 确认发布 publishes.
    await page.click('form[action$="/publish"] button[type="submit"]');
    await page.waitForSelector('#confirm-h');
    expect(await page.textContent('#confirm-h')).toContain('确认发布《浏览器组卷测试》');
    await page.click('.confirm button[type="submit"]');
    await page.waitForSelector('#publish-result');
    expect(await page.textContent('#publish-result')).toContain('考试已发布');

    const exam = (
      await t
        .http()
        .get(`/api/exams/${id}`)
        .set(bearer(await t.token('trainer')))
    ).body;
    expect(exam.status).toBe('published');
    expect(exam.maxScore).toBe(100);
    expect(exam.blueprint.parts.map((p: { title: string }) => p.title)).toEqual(['共同科目', '第二部分']);
    expect(exam.audience.unitIds.length).toBe(1);
  });

  it('imports into a bank: the counts change without a reload and the duplicate names its row', async () => {
    const token = await t.token('trainer');
    const bank = (
      await t
        .http()
        .post('/api/question-banks')
        .set(bearer(token))
        .send({ code: 'desk-browser-bank', title: '浏览器导入题库', curriculum: 'common' })
        .expect(201)
    ).body as { id: number };
    const headers = ['题型', '题干', '选项A', '选项B', '答案', '解析', '法规', '条款'];
    const row = (n: number) => [
      '单选题',
      `浏览器导入：宪法规定，中华人民共和国的一切权力属于（ ）。（第 ${n} 题）`,
      '人民',
      '国家机关',
      'A',
      '《宪法》第二条规定，中华人民共和国的一切权力属于人民。',
      '宪法',
      '第二条',
    ];
    await t
      .http()
      .post(`/api/question-banks/import?dryRun=false&bankId=${bank.id}`)
      .set(bearer(token))
      .attach('file', toCsv(headers, [row(1)]), 'first.csv')
      .expect(200);

    const page = await open();
    await signIn(page, 'trainer');
    await page.goto(`${t.url}/app/banks`);
    const bankRow = page.locator('#banks-section tr', { hasText: '浏览器导入题库' });
    expect((await bankRow.locator('td').nth(2).textContent())!.trim()).toBe('1'); // 草稿
    await page.selectOption('#bank-id', String(bank.id));
    // Row 2 repeats the question already in the bank; rows 3 and 4 are new.
    await page.setInputFiles('#upload-file', {
      name: 'bank.csv',
      mimeType: 'text/csv',
      buffer: toCsv(headers, [row(1), row(2), row(3)]),
    });
    await page.getByRole('button', { name: '检查文件（不导入）' }).click();
    await page.locator('.upload-result .flash.ok').waitFor();
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.locator('.upload-result .flash.ok', { hasText: '导入完成' }).waitFor();
    const result = (await page.textContent('.upload-result'))!;
    expect(result).toContain('导入 2 题');
    expect(result).toMatch(/提示：第 2 行 与题库中已有题目（编号 \d+）重复/);
    // The bank's counts are fresh without a reload (the result above stays on the page).
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('#banks-section tr')]
          .find((tr) => (tr.textContent ?? '').includes('浏览器导入题库'))
          ?.querySelectorAll('td')[2]
          ?.textContent?.trim() === '3',
    );
    expect(await page.textContent('.upload-result')).toContain('导入 2 题');
  });

  it('folds a manager menu behind 菜单 on a phone: one row until opened', async () => {
    const page = await browser.open({ viewport: { width: 390, height: 844 }, mobile: true });
    await signIn(page, 'manager');
    await page.goto(`${t.url}/app/dashboard`);
    const header = page.locator('.site-header');
    const closed = (await header.boundingBox())!;
    expect(closed.height).toBeLessThan(70);
    expect(await page.isVisible('.site-nav a[href="/app/dashboard"]')).toBe(false);
    const toggle = page.locator('.nav-toggle-label');
    expect((await toggle.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await toggle.click();
    expect(await page.isVisible('.site-nav a[href="/app/dashboard"]')).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'desk-manager-menu');
    // At 1366 px the menu is one open row with no toggle.
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await page.isVisible('.nav-toggle-label')).toBe(false);
  });
});

/** The page's `document`, as the functions passed to page.waitForFunction use it (no DOM lib here). */
interface DomNode {
  textContent: string | null;
  querySelectorAll(selector: string): DomNode[];
}
declare const document: {
  getElementById(id: string): DomNode | null;
  querySelectorAll(selector: string): DomNode[];
  documentElement: { scrollWidth: number };
};
