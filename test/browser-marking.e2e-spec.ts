/**
 * Issue #18 in a real browser (playwright-core, Debian's chromium, headless): a candidate answers a case on a phone
 * (text boxes with a character count, autosaved, kept over a reload, 待阅卷 after submit), then a trainer marks the
 * answers on a desktop, one at a time, until the result is released. Screenshots go to test-artifacts/. Without
 * chromium the suite is skipped with a visible message — except in CI, where a missing browser fails the run.
 */
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { browserSuite, login as formLogin, shot, useBrowser } from './helpers/browser';
import { bearer, bootTestApp, TestApp } from './helpers/test-app';

declare const document: {
  getElementById(id: string): { textContent: string | null } | null;
  documentElement: { scrollWidth: number };
};

browserSuite('browser journeys: written answers and marking', () => {
  let t: TestApp;
  const browser = useBrowser();
  let examId: number;
  const CANDIDATE = 'S0040';
  const TITLE = '案例分析专项测试';
  jest.setTimeout(180_000);

  beforeAll(async () => {
    t = await bootTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000' });
    const db = t.app.get(DataSource);
    const candidate = Number((await db.query(`SELECT id FROM "user" WHERE username = '${CANDIDATE}'`))[0].id);
    const trainer = await t.token('trainer');
    const created = await t
      .http()
      .post('/api/exams')
      .set(bearer(trainer))
      .send({
        title: TITLE,
        kind: 'law-study',
        blueprint: {
          passMark: 6,
          parts: [
            {
              key: 'written',
              title: '案例分析',
              source: { kind: 'common' },
              rules: [{ type: 'case', count: 1, points: 10 }],
            },
          ],
        },
        timeLimitMinutes: 60,
        attemptsAllowed: 1,
        reviewPolicy: 'after-submit',
        opensAt: new Date(Date.now() - 3600_000).toISOString(),
        closesAt: new Date(Date.now() + 86400_000).toISOString(),
        audience: { userIds: [candidate] },
      })
      .expect(201);
    examId = created.body.id;
    await t.http().post(`/api/exams/${examId}/publish`).set(bearer(trainer)).expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  const open = (viewport: { width: number; height: number }, mobile = false) =>
    browser.open({ viewport, mobile });
  const login = (page: Page, username: string) => formLogin(page, t.url, username);

  const allSaved = (page: Page) =>
    page.waitForFunction(() => document.getElementById('save-status')?.textContent === '答案已全部保存');

  it('1. a candidate answers a case on a phone: counter, autosave, reload, submit, 待阅卷', async () => {
    const page = await open({ width: 375, height: 740 }, true);
    await login(page, CANDIDATE);
    await page.locator('li.card', { hasText: TITLE }).getByRole('button', { name: '开始考试' }).click();
    await page.waitForURL(/\/app\/attempts\/\d+$/);
    const caseBox = page.locator('fieldset.question[data-type="case"]');
    await expect(caseBox.locator('.case-text').textContent()).resolves.toContain('案例');
    const subs = caseBox.locator('.sub-question');
    const count = await subs.count();
    expect(count).toBeGreaterThanOrEqual(2);
    // The candidate writes the reference answer (read here as a trainer), so the marker sees key terms highlighted.
    const questionId = await caseBox.getAttribute('data-q');
    const bank = (
      await t
        .http()
        .get(`/api/questions/${questionId}`)
        .set(bearer(await t.token('trainer')))
    ).body;
    const texts: Record<number, string> = {};
    const written: number[] = [];
    for (let i = 0; i < count; i++) {
      const sub = subs.nth(i);
      const type = await sub.getAttribute('data-subtype');
      if (type === 'short-answer') {
        const text = (texts[i] = bank.answer.questions[i].answer.reference as string);
        await sub.locator('textarea').fill(text);
        written.push(i);
        await expect(sub.locator('.counter .count').textContent()).resolves.toBe(
          String(Array.from(text).length),
        );
      } else if (type === 'fill-blank') await sub.locator('input').first().fill('答案');
      else await sub.locator('input').first().check();
    }
    expect(written.length).toBeGreaterThanOrEqual(1);
    // Typing is saved 0.8 s after the last keystroke.
    await page.waitForTimeout(1500);
    await allSaved(page);
    await shot(page, 'marking1-case-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.reload();
    for (const i of written)
      await expect(subs.nth(i).locator('textarea').inputValue()).resolves.toBe(texts[i]);

    await page.getByRole('button', { name: '交卷' }).click();
    await page.getByRole('button', { name: '确认交卷' }).click();
    await page.waitForURL(/\/result$/);
    const main = await page.textContent('main');
    expect(main).toContain('待阅卷');
    expect(main).toContain('阅卷完成后公布成绩');
    await shot(page, 'marking1-awaiting-phone');
  });

  it('2. a trainer marks the answers on a desktop, blind, until the result is released', async () => {
    const page = await open({ width: 1280, height: 900 });
    await login(page, 'trainer');
    await page.goto(`${t.url}/app/exams/${examId}`);
    await page.getByRole('link', { name: '阅卷' }).click();
    await page.waitForURL(/\/marking$/);
    await shot(page, 'marking2-progress-desktop');
    for (let guard = 0; guard < 10; guard++) {
      const start = page.getByRole('link', { name: /开始阅卷/ }).first();
      if ((await start.count()) === 0) break;
      await start.click();
      await page.waitForURL(/\/marking\/next/);
      const main = (await page.textContent('main'))!;
      expect(main).toContain('考生作答');
      expect(main).not.toContain(CANDIDATE);
      expect(await page.locator('#answer-text mark').count()).toBeGreaterThan(0);
      await shot(page, 'marking2-answer-desktop');
      const inputs = page.locator('input[name="award"]');
      for (let i = 0; i < (await inputs.count()); i++) {
        await inputs.nth(i).fill(String(await inputs.nth(i).getAttribute('max')));
      }
      await page.getByRole('button', { name: '提交评分' }).click();
      await expect(page.textContent('main')).resolves.toContain('已评定');
      await page.goto(`${t.url}/app/exams/${examId}/marking`);
    }
    await expect(page.textContent('main')).resolves.toContain('阅卷已完成');
    await shot(page, 'marking2-done-desktop');
    const token = await t.token(CANDIDATE);
    const mine = await t.http().get('/api/exams/available').set(bearer(token));
    expect(mine.status).toBe(200);
    const attempt = (
      await t.app.get(DataSource).query(`SELECT status, score FROM attempt WHERE "examId" = ${examId}`)
    )[0];
    expect(attempt.status).toBe('submitted');
  });
});
