import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of each main page land here (git-ignored); open them and look. */
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../screenshots');

export async function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-wqy-microhei (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page that records console errors (Content-Security-Policy violations among them) and failed requests,
 * so a test can assert there were none.
 * `mobile` makes it a phone: touch, a mobile viewport meta and a high-density screen.
 */
export async function openPage(browser: Browser, options: { locale: string; width?: number; height?: number; mobile?: boolean }) {
  const context: BrowserContext = await browser.newContext({
    locale: options.locale,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    ...(options.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  // A blocked eval is caught by the script that tried it and logs nothing: report every violation of the
  // Content-Security-Policy as a console error, so the specs' "no problems" covers the policy too.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const page: Page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { page, context, problems };
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface LoginLabels {
  login: RegExp;
  password: RegExp;
  submit: RegExp;
}
/** The sign-in form's labels in each language. */
export const ZH_LOGIN: LoginLabels = { login: /用户名/, password: /密码/, submit: /登录/ };
export const EN_LOGIN: LoginLabels = { login: /Login/, password: /Password/, submit: /Sign in/ };

/** Sign in through the form at `baseUrl` and wait until the app has left the sign-in page. */
export async function signInAs(page: Page, baseUrl: string, login: string, password: string, labels: LoginLabels = ZH_LOGIN) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(labels.login).fill(login);
  await page.getByLabel(labels.password).fill(password);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}
