import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launch, openPage, screenshot, signInAs } from './support/browser.ts';
import { ADMIN_PASSWORD, type E2EServer, startServer } from './support/server.ts';

const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) throw new Error(`Chromium is required in CI (${CHROMIUM})`);

let server: E2EServer;
let browser: Browser;
let overdueNumber: string;

beforeAll(async () => {
  if (!hasChromium) return;
  server = await startServer();
  browser = await launch();
  await server.api('PUT', '/settings/company', { companyName: '浙江精工机械', province: '浙江省', autoAcknowledge: true });
  const customer = await server.api<{ id: string }>('POST', '/customers', {
    kind: 'company',
    name: '杭州客户',
    country: 'CN',
    province: '浙江',
    tier: 'B',
  });
  const me = await server.api<{ items: { id: string; login: string }[] }>('GET', '/users');
  const admin = me.items.find((u) => u.login === 'admin')!;
  // Received ten days ago and never acknowledged: every clock but the resolution is overdue.
  const late = await server.api<{ number: string }>('POST', '/cases', {
    type: 'complaint',
    title: '注塑机液压站异响',
    channel: 'phone',
    customerId: customer.id,
    ownerId: admin.id,
    receivedAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
  });
  overdueNumber = late.number;
  await server.sweep();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const signIn = (page: Page) => signInAs(page, server.url, 'admin', ADMIN_PASSWORD);

describe.skipIf(!hasChromium)('deadlines in the browser', () => {
  it('shows the overdue queue, the bell, the clocks of a case and the working-day calendar', async () => {
    const { page, problems } = await openPage(browser, { locale: 'zh-CN' });
    await signIn(page);
    // Workspace: the overdue queue counts the case.
    const overdueCard = page.getByText('已超期').first();
    await overdueCard.waitFor();
    await screenshot(page, 'zh-deadlines-workspace');

    // The bell: unread notifications of the breach and escalation.
    const bell = page.getByTestId('notification-bell');
    await expect.poll(async () => (await bell.getAttribute('aria-label')) ?? '').toMatch(/未读/);
    await bell.click();
    await page.getByRole('list', { name: '通知' }).getByText(overdueNumber).first().waitFor();
    await screenshot(page, 'zh-deadlines-bell');
    await page.keyboard.press('Escape');

    // The case list filtered to overdue cases, then the case with its clocks.
    await page.goto(`${server.url}/cases?sla=overdue`);
    await page.getByRole('link', { name: overdueNumber }).first().waitFor();
    await screenshot(page, 'zh-deadlines-overdue-list');
    await page.getByRole('link', { name: overdueNumber }).first().click();
    await page.getByText('时限').first().waitFor();
    await page.getByText('受理确认').first().waitFor();
    expect(await page.getByText('已超期').count()).toBeGreaterThan(0);
    await screenshot(page, 'zh-deadlines-case');

    // Settings: the shipped calendar with 2025 and 2026 holidays and make-up workdays.
    await page.goto(`${server.url}/settings`);
    await page.getByRole('tab', { name: '工作日历' }).click();
    await page.getByText('中国大陆工作日').first().waitFor();
    await screenshot(page, 'zh-deadlines-calendar');
    await page.getByRole('tab', { name: '时限策略' }).click();
    await page.getByText('本省及邻省').first().waitFor();
    await screenshot(page, 'zh-deadlines-policies');

    await page.goto(`${server.url}/escalations`);
    await page.getByRole('link', { name: overdueNumber }).first().waitFor();
    await screenshot(page, 'zh-deadlines-escalations');
    expect(problems).toEqual([]);
  });
});
