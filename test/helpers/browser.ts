/**
 * The browser tests' shared harness: playwright-core driving Debian's chromium (headless, --no-sandbox), one
 * persistent context per test in a throwaway profile, the login form, and screenshots in test-artifacts/.
 * Without chromium every browser suite fails as it loads, naming the package to install.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from './test-app';

export const CHROMIUM: string | undefined = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) =>
  fs.existsSync(p),
);
export const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts');

/**
 * The suite as a `describe`. Without chromium the spec file throws as it loads, so the run fails with the command
 * that installs it: a browser journey that cannot run is a failure, never a silent skip.
 */
export function browserSuite(name: string, body: () => void): void {
  if (!CHROMIUM)
    throw new Error(
      `${name}：浏览器测试需要 chromium（/usr/bin/chromium）。请先安装：apt-get install -y chromium fonts-noto-cjk`,
    );
  describe(name, body);
}

export interface OpenOptions {
  viewport: { width: number; height: number };
  /** A phone: isMobile and hasTouch. */
  mobile?: boolean;
}

export interface BrowserHarness {
  /** A fresh persistent context (its own profile directory) and its page; closed after the test. */
  open(options: OpenOptions): Promise<Page>;
  /** The context `open` made last (for tests that need it directly). */
  readonly context: BrowserContext | undefined;
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Registers the suite's hooks (artifacts folder and a profile root before all, the context closed after each test,
 * the profiles removed after all) and returns `open`. Call it inside the suite's describe.
 */
export function useBrowser(): BrowserHarness {
  let userDataDir: string | undefined;
  let context: BrowserContext | undefined;
  beforeAll(() => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuefa-chromium-'));
  });
  afterEach(async () => {
    await context?.close();
  });
  afterAll(() => {
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  });
  return {
    async open({ viewport, mobile = false }: OpenOptions): Promise<Page> {
      context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(userDataDir!, 'p-')), {
        executablePath: CHROMIUM,
        headless: true,
        viewport,
        isMobile: mobile,
        hasTouch: mobile,
        locale: 'zh-CN',
        acceptDownloads: true,
        args: ARGS,
      });
      return context.pages()[0] ?? (await context.newPage());
    },
    get context() {
      return context;
    },
  };
}

/** Goes to /app, is sent to the login form, and submits it (without waiting for where it leads). */
export async function submitLogin(
  page: Page,
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}/app`);
  await page.waitForURL(/\/login/);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('button[type="submit"]');
}

/** Signs in through the login form and waits for the home page. */
export async function login(page: Page, baseUrl: string, username: string): Promise<void> {
  await submitLogin(page, baseUrl, username);
  await page.waitForURL(`${baseUrl}/app`);
}

/** A screenshot of the viewport, test-artifacts/<name>.png. */
export const shot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
