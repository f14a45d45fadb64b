/**
 * The written-question editor in a real browser (issue #18): 增加一条评分要点 adds a row in place (rubric.js), a
 * ticked 删除此要点 greys its row, and the saved revision has the rubric as edited. playwright-core driving
 * Debian's chromium (headless); without chromium the suite is skipped with a message — except in CI.
 */
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { ARTIFACTS, browserSuite, login, useBrowser } from './helpers/browser';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

browserSuite('browser: editing a rubric', () => {
  let t: TestApp;
  const browser = useBrowser();
  jest.setTimeout(120_000);

  beforeAll(async () => {
    t = await bootTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('adds a rubric point with the button, removes one, and saves a new revision', async () => {
    const id = Number(
      (
        await t.app
          .get(DataSource)
          .query(
            `SELECT q.id FROM question q JOIN question_bank b ON b.id = q."bankId" WHERE b.code = 'written-resettlement' AND q.type = 'short-answer' ORDER BY q.id`,
          )
      )[0].id,
    );
    const trainer = await t.token('trainer');
    const before = (await t.http().get(`/api/questions/${id}`).set(bearer(trainer)).expect(200)).body;
    const rubric = before.answer.rubric as { point: string; points: number }[];

    const page = await browser.open({ viewport: { width: 1366, height: 768 } });
    await login(page, t.url, 'trainer');

    await page.goto(`${t.url}/app/questions/${id}`);
    const rows = rubric.length + 2; // the points and two blank rows
    expect(await page.locator('.rubric-row').count()).toBe(rows);
    await page.click('text=增加一条评分要点');
    expect(await page.locator('.rubric-row').count()).toBe(rows + 1);
    // The new row is numbered after the last and starts empty.
    const n = rows;
    expect(await page.inputValue(`textarea[name="r${n}_point"]`)).toBe('');
    await page.fill(`textarea[name="r${n}_point"]`, '浏览器中增加的要点');
    await page.fill(`input[name="r${n}_points"]`, '2.5');
    await page.fill(`input[name="r${n}_kw"]`, '安置、接收');
    await page.check(`input[name="r0_del"]`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'written-editor.png'), fullPage: true });
    expect(await page.locator('.rubric-row[data-row="0"]').getAttribute('class')).toContain('removed');
    await page.click('button:has-text("保存为新版本")');
    await page.waitForURL(`${t.url}/app/questions/${id}`);
    expect(await page.textContent('body')).toContain('已保存为新版本');

    const after = (await t.http().get(`/api/questions/${id}`).set(bearer(trainer)).expect(200)).body;
    expect(after.revision).toBe(before.revision + 1);
    expect(after.answer.rubric.map((r: { point: string }) => r.point)).toEqual([
      ...rubric.slice(1).map((r) => r.point),
      '浏览器中增加的要点',
    ]);
    expect(after.answer.rubric.at(-1)).toMatchObject({ points: 2.5, keywords: ['安置', '接收'] });
  });
});
