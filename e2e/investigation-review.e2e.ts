import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, EN_LOGIN, type LoginLabels, launch, openPage, screenshot, signInAs, ZH_LOGIN } from './support/browser.ts';
import { type E2EServer, startServer } from './support/server.ts';

const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) throw new Error(`Chromium is required in CI (${CHROMIUM})`);

let server: E2EServer;
let browser: Browser;
let caseNumber: string;

/**
 * The investigation report goes to management, who reads it and writes an instruction (批示):
 * the general manager returns it at a desk in Chinese; a manager reads the result on a phone in English.
 */
beforeAll(async () => {
  if (!hasChromium) return;
  server = await startServer();
  browser = await launch();
  const departments = await server.api<{ items: { id: string; code: string }[] }>('GET', '/departments');
  const gmOffice = departments.items.find((d) => d.code === 'gm_office')?.id;
  await server.api('POST', '/users', {
    login: 'wangzong',
    displayName: '王总',
    roles: ['gm'],
    departmentId: gmOffice,
    password: 'general-manager-pw-1',
  });
  await server.api('POST', '/users', {
    login: 'grace',
    displayName: 'Grace Lin',
    locale: 'en-US',
    roles: ['manager'],
    departmentId: gmOffice,
    password: 'manager-password-pw-1',
  });
  const c = await server.api<{ number: string }>('POST', '/cases', {
    type: 'complaint',
    title: '液压泵轴封漏油，同批次多台',
    channel: 'phone',
    severity: 'MA',
    grade: 'important',
  });
  caseNumber = c.number;
  // The report as the quality engineer hands it in (here through the setup token, i.e. the administrator).
  const current = await server.api<{ version: number }>('GET', `/cases/${caseNumber}/investigation`);
  await server.api('PUT', `/cases/${caseNumber}/investigation`, {
    version: current.version,
    facts: '同批次 B2605 共 6 台轴封渗油，拆检发现骨架油封唇口有压痕。',
    rootCause: '装配工装定位销磨损，油封压入时偏斜',
    rootCause6m: 'machine',
  });
  await server.api('POST', `/cases/${caseNumber}/investigation/report`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const signIn = (page: Page, login: string, password: string, labels: LoginLabels) => signInAs(page, server.url, login, password, labels);

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe.skipIf(!hasChromium)('management reviews the investigation report', () => {
  it('the general manager returns the report with an instruction (Chinese, desktop)', async () => {
    const { page, context, problems } = await openPage(browser, { locale: 'zh-CN', width: 1366, height: 900 });
    await signIn(page, 'wangzong', 'general-manager-pw-1', ZH_LOGIN);
    await page.goto(`${server.url}/cases/${caseNumber}?tab=investigation`);
    const form = page.getByTestId('investigation-review-form');
    await form.waitFor();
    await form.getByText('退回修改').click();
    // Returning without saying what to change is refused in the form.
    await form.getByRole('button', { name: /提交审阅意见/ }).click();
    await page.getByText('退回时请写明批示').waitFor();
    await form.getByLabel('批示').fill('补充同批次其余 5 台的拆检结果，并给出工装更换计划。');
    await form.getByRole('button', { name: /提交审阅意见/ }).click();
    const result = page.getByTestId('investigation-review');
    await result.waitFor();
    expect(await result.textContent()).toContain('补充同批次其余 5 台的拆检结果');
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'zh-investigation-review');

    await page.getByRole('tab', { name: /处理记录/ }).click();
    await page.getByText('退回了调查报告').waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    // The same page narrowed to a phone's width: the result still reads, nothing runs past the edge.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/cases/${caseNumber}?tab=investigation`);
    await page.getByTestId('investigation-review').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'zh-investigation-review-narrow');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a manager reads the instruction on a phone (English)', async () => {
    const { page, context, problems } = await openPage(browser, { locale: 'en-US', width: 390, height: 844, mobile: true });
    await signIn(page, 'grace', 'manager-password-pw-1', EN_LOGIN);
    await page.goto(`${server.url}/cases/${caseNumber}?tab=investigation`);
    const result = page.getByTestId('investigation-review');
    await result.waitFor();
    expect(await result.textContent()).toContain('Returned for changes');
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'en-investigation-review-phone');
    // Nothing of the investigation runs past the phone's width.
    const widest = await page
      .getByTestId('investigation-status')
      .evaluate((el) => Math.max(...Array.from(el.children, (c) => c.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByTestId('investigation-review').waitFor();
    await screenshot(page, 'en-investigation-review-wide');
    expect(problems).toEqual([]);
    await context.close();
  });
});
