import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, EN_LOGIN, type LoginLabels, launch, openPage, screenshot, signInAs, ZH_LOGIN } from './support/browser.ts';
import { ADMIN_PASSWORD, type E2EServer, startServer } from './support/server.ts';

// CI must run these; a developer machine without Chromium skips them with a notice.
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) throw new Error(`Chromium is required in CI (${CHROMIUM})`);
if (!hasChromium) console.warn(`e2e skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium fonts-wqy-microhei)`);

// A real 1×1 PNG, standing in for a photo of the defect.
const PHOTO = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
  'hex',
);

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  server = await startServer();
  browser = await launch();
  const customer = await server.api<{ id: string }>('POST', '/customers', {
    kind: 'company',
    name: '宁波海天精密机械有限公司',
    nameEn: 'Ningbo Haitian Precision Machinery',
    country: 'CN',
    province: '浙江',
    city: '宁波',
    tier: 'A',
    contacts: [{ name: '陈工', phone: '13800000000', isPrimary: true }],
  });
  await server.api('POST', '/products', {
    model: 'VP-40',
    name: '变量柱塞泵',
    nameEn: 'Variable piston pump',
    category: '液压泵',
    warrantyMonths: 12,
  });
  await server.api('POST', '/units', {
    serial: 'VP40-2605-0031',
    productId: (await server.api<{ items: { id: string }[] }>('GET', '/products?q=VP-40')).items[0]?.id,
    customerId: customer.id,
    shipDate: '2026-05-10',
  });
  const departments = await server.api<{ items: { id: string; code: string }[] }>('GET', '/departments');
  const quality = departments.items.find((d) => d.code === 'quality')?.id;
  await server.api('POST', '/users', {
    login: 'ligong',
    displayName: '李工',
    roles: ['quality_engineer'],
    departmentId: quality,
    password: 'quality-engineer-pw',
  });
  await server.api('POST', '/users', {
    login: 'emily',
    displayName: 'Emily Chen',
    locale: 'en-US',
    roles: ['quality_engineer'],
    departmentId: quality,
    password: 'quality-engineer-pw',
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const signIn = (page: Page, login: string, password: string, labels: LoginLabels) => signInAs(page, server.url, login, password, labels);

/** Pick an option of an antd Select found by its accessible name, after typing to search. */
async function choose(page: Page, label: string | RegExp, typed: string, option: string | RegExp) {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  await box.fill(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

/** Run a case action: click its button, fill the dialog, confirm with the dialog's button of the same name. */
async function act(page: Page, action: string | RegExp, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.getByRole('button', { name: action }).first().click();
  const dialog = page.getByRole('dialog');
  await expect.poll(() => dialog.isVisible()).toBe(true);
  if (fill) await fill(dialog);
  await dialog.locator('.ant-modal-footer').getByRole('button', { name: action }).click();
  try {
    await expect.poll(() => dialog.count()).toBe(0);
  } catch (e) {
    await screenshot(page, `failed-${String(action)}`);
    throw e;
  }
}

describe.skipIf(!hasChromium)('a complaint from registration to closure', () => {
  it('in Chinese: register with a photo, find by a Chinese substring, acknowledge, assign, comment, close', async () => {
    const { page, problems } = await openPage(browser, { locale: 'zh-CN' });
    await signIn(page, 'admin', ADMIN_PASSWORD, ZH_LOGIN);
    await page.getByText('我的案件').first().waitFor();
    await screenshot(page, 'zh-workspace');

    await page.goto(`${server.url}/cases/new`);
    await choose(page, '客户', '海天', /宁波海天/);
    await page.getByLabel('标题').fill('液压泵轴封漏油，产线停机');
    await page.getByLabel('问题现象').fill('客户反映 VP-40 泵轴封处持续漏油，每班需补油两次。');
    await page.locator('input[type=file]').first().setInputFiles({ name: '漏油照片.png', mimeType: 'image/png', buffer: PHOTO });
    await screenshot(page, 'zh-intake');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.waitForURL(/\/cases\/(?!new)[^/]+$/);
    const opened = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    const { number } = await server.api<{ number: string }>('GET', `/cases/${opened}`);
    expect(number).toMatch(/^\d{4}-\d{4}$/);

    await page.goto(`${server.url}/cases`);
    const search = page.locator('#f-q');
    await search.fill('轴封漏');
    await search.press('Enter');
    await page.getByRole('link', { name: number }).first().waitFor();
    await screenshot(page, 'zh-case-list');
    await page.getByRole('link', { name: number }).first().click();
    await page.waitForURL(new RegExp(`/cases/${number}$`));

    await act(page, '受理');
    await page.getByRole('button', { name: '指派' }).first().click();
    const assign = page.getByRole('dialog');
    await choose(page, '负责人', '李工', '李工');
    await assign.getByRole('button', { name: '指派' }).click();
    await expect.poll(() => assign.count()).toBe(0);

    await page.getByRole('tab', { name: '处理记录' }).click();
    await page.getByLabel('评论内容').fill('轴封批次 S-0412 来料尺寸偏小，已通知采购。');
    await page.getByRole('button', { name: '添加备注' }).click();
    await page.getByText('轴封批次 S-0412').first().waitFor();

    await act(page, '结案', async (dialog) => {
      await dialog.getByRole('radiogroup', { name: '责任方' }).getByText('供应商责任').click();
      await dialog.getByLabel('供应商名称').fill('某密封件供应商');
      await dialog.getByLabel('判定依据').fill('来料轴封内径超差 0.05mm');
      await dialog.getByLabel('客户已确认处理结果').check();
      await dialog.getByLabel('确认方式').fill('陈工电话确认');
    });
    await page.getByText('已关闭').first().waitFor();
    await screenshot(page, 'zh-case-closed');

    const closed = await server.api<{
      status: string;
      owner: { displayName: string };
      responsibility: { party: string };
      customerConfirmed: boolean;
    }>('GET', `/cases/${number}`);
    expect(closed).toMatchObject({
      status: 'closed',
      owner: { displayName: '李工' },
      responsibility: { party: 'supplier' },
      customerConfirmed: true,
    });
    const files = await server.api<{ items: { filename: string }[] }>('GET', `/cases/${number}/attachments`);
    expect(files.items.map((f) => f.filename)).toEqual(['漏油照片.png']);
    expect(problems).toEqual([]);
  });

  it('in English: register an inquiry, acknowledge and close it', async () => {
    const { page, problems } = await openPage(browser, { locale: 'en-US' });
    await signIn(page, 'emily', 'quality-engineer-pw', EN_LOGIN);
    await screenshot(page, 'en-workspace');
    await page.goto(`${server.url}/cases/new`);
    await page.getByRole('radiogroup', { name: 'Case type' }).getByText('Inquiry', { exact: true }).click();
    await choose(page, 'Customer', 'Haitian', /海天|Haitian/);
    await page.getByLabel('Title').fill('Spare seal kit for VP-40 pump');
    await page.getByLabel(/Phenomenon|Description/).fill('Customer asks for the part number of the seal kit.');
    await screenshot(page, 'en-intake');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page.waitForURL(/\/cases\/(?!new)[^/]+$/);
    await act(page, 'Acknowledge');
    await act(page, 'Close', async (dialog) => {
      await dialog.getByLabel('Resolution').fill('Sent part number VP40-SEAL-01 and a quotation.');
      await dialog.getByLabel('Customer confirmed the result').check();
    });
    await page.getByText('Closed').first().waitFor();
    await screenshot(page, 'en-case-closed');
    expect(problems).toEqual([]);
  });
});
