/**
 * Issue #15 in a real browser (playwright-core, Debian's chromium, headless): staff on a 390×844 phone change an
 * initial password, find their exam history, practise one question at a time and open a notebook item; every
 * staff page fits the phone's width and every link and button is a 44 px tap target. Without chromium the suite
 * is skipped with a visible message — except in CI (CI=true), where a missing browser fails the run.
 */
import type { Page } from 'playwright-core';
import { browserSuite, shot, submitLogin, useBrowser } from './helpers/browser';
import { bearer, bootTestApp, DEMO_PASSWORD, TestApp } from './helpers/test-app';

declare const document: {
  documentElement: { scrollWidth: number };
  querySelectorAll(sel: string): ArrayLike<{
    getBoundingClientRect(): { width: number; height: number; top: number; left: number };
    textContent: string | null;
    tagName: string;
    closest(sel: string): unknown;
  }>;
};
declare const getComputedStyle: (el: unknown) => { visibility: string; display: string };

const PHONE = { width: 390, height: 844 };

browserSuite('staff browser journeys (phone)', () => {
  let t: TestApp;
  const browser = useBrowser();
  jest.setTimeout(180_000);

  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const phone = (): Promise<Page> => browser.open({ viewport: PHONE, mobile: true });
  /** Submits the login form; where it leads (home or 修改密码) is the test's to check. */
  const login = (page: Page, username: string, password = DEMO_PASSWORD) =>
    submitLogin(page, t.url, username, password);

  it('a new colleague changes the initial password at first sign-in, signs out and in with the new one', async () => {
    const admin = await t.token('admin');
    const created = await t
      .http()
      .post('/api/users')
      .set(bearer(admin))
      .send({ username: 'fresh-1', name: '新同事', roles: ['staff'] })
      .expect(201);
    const page = await phone();
    await login(page, 'fresh-1', created.body.initialPassword);
    await page.waitForURL(/\/app\/password\?next=%2Fapp$/);
    expect(await page.textContent('#password-forced')).toContain('初始密码');
    // The other pages lead back here until the password is changed.
    await page.goto(`${t.url}/app/my-exams`);
    await page.waitForURL(/\/app\/password\?next=/);
    await page.fill('#currentPassword', created.body.initialPassword);
    await page.fill('#newPassword', 'Fresh@2026new');
    await page.fill('#confirmPassword', 'Fresh@2026new');
    await shot(page, 'staff-password-phone');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.waitForURL(`${t.url}/app/my-exams`);
    expect(await page.textContent('main')).toContain('密码已修改');
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL(/\/login$/);
    await login(page, 'fresh-1', 'Fresh@2026new');
    await page.waitForURL(`${t.url}/app`);
    expect(await page.textContent('main')).toContain('我的学习与考试');
  });

  it('staff sit the open exam, then find it under 我的考试 with the score and open the result', async () => {
    const page = await phone();
    await login(page, 'staff');
    await page.waitForURL(`${t.url}/app`);
    const card = page.locator('li.card', { hasText: '2026年度学法用法考试' });
    await card.getByRole('button', { name: '开始考试' }).click();
    await page.waitForURL(/\/app\/attempts\/\d+$/);
    const attemptId = Number(page.url().split('/').pop());
    await page.getByRole('button', { name: '交卷' }).click();
    await page.getByRole('button', { name: '确认交卷' }).click();
    await page.waitForURL(/\/result$/);
    await page.getByRole('link', { name: '我的考试' }).first().click();
    await page.waitForURL(`${t.url}/app/my-exams`);
    const exam = page.locator('#my-exams li.card', { hasText: '2026年度学法用法考试' });
    expect(await exam.textContent()).toContain('第 1 次');
    expect(await exam.textContent()).toMatch(/\d+ \/ 100/);
    await shot(page, 'staff-my-exams-phone');
    await exam.getByRole('link', { name: '成绩' }).click();
    await page.waitForURL(`${t.url}/app/attempts/${attemptId}/result`);
    await expect(page.textContent('#verdict')).resolves.toMatch(/合格|不合格/);
  });

  it('staff practise one question at a time, see the summary, and open a notebook item with its answer', async () => {
    const page = await phone();
    await login(page, 'S0012');
    await page.waitForURL(`${t.url}/app`);
    await page.goto(`${t.url}/app/practice`);
    await page.fill('#p-count', '2');
    await page.getByRole('button', { name: '开始练习' }).click();
    await page.waitForSelector('#practice-question');
    expect(await page.locator('#practice-question').count()).toBe(1);
    expect(await page.textContent('#practice-progress')).toBe('第 1 / 2 题');
    const first = page.locator('#practice-question input').first();
    if ((await first.getAttribute('type')) === 'text') await first.fill('答案');
    else await first.check();
    await page.getByRole('button', { name: '提交答案' }).click();
    await page.waitForSelector('#practice-next');
    expect(await page.textContent('#practice-feedback')).toMatch(/回答正确|回答错误/);
    await page.click('#practice-next');
    expect(await page.textContent('#practice-progress')).toBe('第 2 / 2 题');
    await page.getByRole('button', { name: '不会，看答案' }).click();
    await page.waitForSelector('#practice-next');
    expect(await page.textContent('#practice-feedback')).toContain('正确答案');
    await page.click('#practice-next');
    await page.waitForSelector('#practice-summary');
    const score = (await page.textContent('#practice-score'))!;
    expect(score).toMatch(/共 2 题：答对 [01] 题，答错 [12] 题，用时 .*秒/);
    await shot(page, 'staff-practice-summary-phone');

    await page.goto(`${t.url}/app/notebook`);
    const item = page.locator('#notebook-items a').first();
    await item.click();
    await page.waitForSelector('#practice-question');
    expect(await page.locator('#practice-setup').isVisible()).toBe(false);
    await page.getByRole('button', { name: '不会，看答案' }).click();
    await page.waitForSelector('#practice-next');
    expect(await page.textContent('#practice-feedback')).toContain('正确答案');
    await shot(page, 'staff-notebook-item-phone');
  });

  it('fits every staff page on a 390×844 phone, with 44 px tap targets', async () => {
    const token = await t.token('staff');
    const done = (await t.http().get('/api/me/exams').set(bearer(token)).expect(200)).body as {
      attempts: { id: number; status: string }[];
    }[];
    const attempt = done.flatMap((e) => e.attempts).find((a) => a.status === 'submitted');
    const page = await phone();
    await login(page, 'staff');
    await page.waitForURL(`${t.url}/app`);
    const pages = [
      '/app',
      '/app/study',
      '/app/study/veterans-protection-law',
      `/app/study/search?q=${encodeURIComponent('退役军人')}`,
      '/app/practice',
      '/app/notebook',
      '/app/my-exams',
      '/app/my-record',
      '/app/password',
      '/app/campaigns',
      '/app/no-such-page',
      ...(attempt ? [`/app/attempts/${attempt.id}/result`] : []),
    ];
    const problems: string[] = [];
    for (const p of pages) {
      await page.goto(`${t.url}${p}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > PHONE.width) problems.push(`${p}: page is ${width}px wide`);
      const small = await page.evaluate(() =>
        Array.from(document.querySelectorAll('a[href], button, summary, input[type="submit"]'))
          .filter((el) => {
            const r = el.getBoundingClientRect();
            const s = getComputedStyle(el);
            return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && r.left >= 0;
          })
          .map((el) => {
            const r = el.getBoundingClientRect();
            return { text: (el.textContent ?? '').trim().slice(0, 20), w: r.width, h: r.height };
          })
          .filter((b) => b.w < 44 || b.h < 44),
      );
      for (const b of small) problems.push(`${p}: “${b.text}” is ${Math.round(b.w)}×${Math.round(b.h)} px`);
    }
    await shot(page, 'staff-404-phone');
    expect(problems).toEqual([]);
  });
});
