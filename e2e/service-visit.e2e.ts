import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launch, openPage, SCREENSHOTS, screenshot, signInAs } from './support/browser.ts';
import { ADMIN_PASSWORD, type E2EServer, startServer } from './support/server.ts';

const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) throw new Error(`Chromium is required in CI (${CHROMIUM})`);

// A real 1×1 PNG, standing in for a photo taken on site.
const PHOTO = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
  'hex',
);

interface Disposition {
  id: string;
  number: string;
  status: string;
  version: number;
  caseNumber: string;
  signature: { attachmentId: string; signedBy: string; signedAt: string } | null;
  details: { kind: string; arrivedAt?: string; workDone?: string; partsUsed?: { name: string }[]; satisfaction?: number };
}

let server: E2EServer;
let browser: Browser;
let caseNumber: string;
let order: Disposition;

beforeAll(async () => {
  if (!hasChromium) return;
  server = await startServer();
  browser = await launch();
  const customer = await server.api<{ id: string }>('POST', '/customers', {
    kind: 'company',
    name: '宁波精密包装有限公司',
    country: 'CN',
    province: '浙江',
    city: '宁波',
    tier: 'B',
    contacts: [{ name: '陈国华', phone: '13900000001', isPrimary: true }],
  });
  const product = await server.api<{ id: string }>('POST', '/products', {
    model: 'HL-FP450',
    name: '全自动封口机',
    category: '封口机',
    warrantyMonths: 12,
  });
  const unit = await server.api<{ id: string }>('POST', '/units', {
    serial: 'HL450-2603-0158',
    productId: product.id,
    customerId: customer.id,
    shipDate: new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10),
  });
  const c = await server.api<{ id: string; number: string }>('POST', '/cases', {
    type: 'service_request',
    serviceKind: 'repair',
    title: '封口温度波动，封口不牢',
    description: '第二段加热温度在 160–190 ℃ 之间波动，封口处漏气。',
    channel: 'phone',
    customerId: customer.id,
    unitId: unit.id,
    contactName: '陈国华',
    contactPhone: '13900000001',
  });
  caseNumber = c.number;
  const proposed = await server.api<Disposition>('POST', `/cases/${c.id}/dispositions`, {
    details: { kind: 'service_order', plannedArrival: new Date().toISOString() },
    withWarranty: { faultCode: 'E-23' },
  });
  const submitted = await server.api<{ disposition: Disposition }>('POST', `/dispositions/${proposed.id}/actions`, {
    action: 'submit',
    version: proposed.version,
  });
  order = (
    await server.api<{ disposition: Disposition }>('POST', `/dispositions/${proposed.id}/actions`, {
      action: 'start',
      version: submitted.disposition.version,
    })
  ).disposition;
  expect(order.status).toBe('in_progress');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const signIn = (page: Page) => signInAs(page, server.url, 'admin', ADMIN_PASSWORD);

/** A finger stroke through `points` (fractions of the box), as touch events the page sees as pointer events. */
async function touchStroke(page: Page, target: Locator, points: [number, number][]) {
  const box = await target.boundingBox();
  if (!box) throw new Error('no signature pad');
  const at = ([x, y]: [number, number]) => ({ x: box.x + x * box.width, y: box.y + y * box.height });
  const cdp = await page.context().newCDPSession(page);
  const [first, ...rest] = points.map(at);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [first!] });
  for (const p of rest) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/** The same with a mouse (a tablet with a stylus, or a desk). */
async function mouseStroke(page: Page, target: Locator, points: [number, number][]) {
  const box = await target.boundingBox();
  if (!box) throw new Error('no signature pad');
  const [first, ...rest] = points;
  await page.mouse.move(box.x + first![0] * box.width, box.y + first![1] * box.height);
  await page.mouse.down();
  for (const [x, y] of rest) await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 4 });
  await page.mouse.up();
}

describe.skipIf(!hasChromium)('a service visit on a phone', () => {
  it('records arrival, work, photo and signature, completes, and gives the signed memo as a PDF', async () => {
    const { page, context, problems } = await openPage(browser, { locale: 'zh-CN', width: 390, height: 844, mobile: true });
    await signIn(page);
    await page.goto(`${server.url}/service-orders/${order.id}`);
    await page.getByTestId('service-order-summary').getByText('封口温度波动，封口不牢').waitFor();
    await page.getByText('宁波精密包装有限公司').waitFor();
    // Nothing wider than the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'zh-service-order-phone-start');
    // What the engineer sees first, without scrolling.
    await page.screenshot({ path: path.join(SCREENSHOTS, 'zh-service-order-phone-viewport.png') });

    // Arrived now.
    await page.getByRole('button', { name: /已到达现场/ }).click();
    await page.getByTestId('arrived-at').waitFor();

    // The work done, a part used, the hours.
    await page.getByLabel('维修内容').fill('更换第二段加热圈及温控热电偶，校准温控器，试封 50 袋无漏气。');
    await page.getByRole('button', { name: /添加备件/ }).click();
    await page.getByLabel('第 1 行备件名称').fill('加热圈 220V 450W');
    await page.getByLabel('第 1 行料号').fill('HT-220-45');
    await page.getByLabel('工时（小时）').fill('2.5');

    // A photo from the camera.
    await page
      .locator('input[type=file][capture=environment]')
      .setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PHOTO });
    await page.getByRole('img', { name: '现场照片.png' }).waitFor();

    // The customer's comment and satisfaction.
    await page.getByLabel('客户意见', { exact: true }).fill('处理及时，工程师很专业。');
    await page.locator('.ant-rate-star').nth(4).click();
    await page.getByRole('button', { name: /保存现场记录/ }).click();
    await page.getByText('现场记录已保存').waitFor();

    // The customer signs with a finger, then adds a stroke with a stylus.
    const pad = page.getByRole('img', { name: '签名区' });
    await pad.scrollIntoViewIfNeeded();
    await touchStroke(page, pad, [
      [0.1, 0.6],
      [0.2, 0.3],
      [0.3, 0.7],
      [0.4, 0.35],
      [0.5, 0.65],
    ]);
    await mouseStroke(page, pad, [
      [0.55, 0.5],
      [0.7, 0.3],
      [0.85, 0.6],
    ]);
    expect(await pad.getAttribute('data-empty')).toBe('false');
    await page.getByLabel('签字人').fill('陈国华');
    await screenshot(page, 'zh-service-order-phone-signing');
    await page.getByRole('button', { name: /保存签名/ }).click();
    await page.getByTestId('signature-saved').waitFor();

    // Complete.
    await page.getByRole('button', { name: /完成服务/ }).click();
    await page.getByText('服务已完成').first().waitFor();
    await page
      .getByRole('link', { name: /服务备忘录（中文 PDF）/ })
      .first()
      .waitFor();
    await screenshot(page, 'zh-service-order-phone-done');
    // The same page in English.
    await page.getByText('EN', { exact: true }).click();
    await page.getByText('Service completed').first().waitFor();
    await page
      .getByRole('link', { name: /Service memo \(English PDF\)/ })
      .first()
      .waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'en-service-order-phone-done');
    expect(problems).toEqual([]);
    await context.close();

    // On record: done, signed, with the facts from the phone.
    const done = await server.api<Disposition>('GET', `/dispositions/${order.id}`);
    expect(done.status).toBe('done');
    expect(done.signature?.signedBy).toBe('陈国华');
    expect(done.details.arrivedAt).toBeTruthy();
    expect(done.details.workDone).toContain('更换第二段加热圈');
    expect(done.details.partsUsed?.[0]?.name).toBe('加热圈 220V 450W');
    expect(done.details.satisfaction).toBe(5);

    // The memo is a PDF with the signature in it, in both languages.
    for (const lang of ['zh-CN', 'en-US']) {
      const res = await server.raw(`/dispositions/${order.id}/memo.pdf?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/pdf');
      const pdf = Buffer.from(await res.arrayBuffer());
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.toString('latin1')).toContain('/Subtype /Image');
    }
  });

  it('shows the disposition with its warranty evaluation on the case, the work lists and the settlement on a desk', async () => {
    await server.api('POST', `/cases/${caseNumber}/costs`, { category: 'travel', amount: 420, description: '往返高铁' });
    const { page, problems } = await openPage(browser, { locale: 'zh-CN' });
    await signIn(page);
    await page.goto(`${server.url}/cases/${caseNumber}?tab=dispositions`);
    const card = page.getByTestId(`disposition-${order.number}`);
    await card.getByText('已完成').waitFor();
    await card.getByText(/陈国华 已于/).waitFor();
    await page.getByRole('list', { name: '判定依据' }).waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'zh-case-dispositions');

    // Propose a compensation; submitting sends it for approval, and nobody approves their own request.
    await page.getByRole('button', { name: /提出处置方案/ }).click();
    const propose = page.getByRole('dialog');
    await propose.getByText('赔偿', { exact: true }).click();
    await propose.getByLabel('金额').fill('800');
    await propose.getByLabel('赔偿方式').click();
    await page.getByTitle('折让（冲抵货款）').click();
    await propose.getByRole('button', { name: '提出' }).click();
    const compensation = page.getByTestId(`disposition-${caseNumber}-D2`);
    await compensation.getByRole('button', { name: '提交' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '提交' }).click();
    await compensation.getByText('部门经理审批：待审批').waitFor();
    await compensation.getByRole('button', { name: '批准', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '批准', exact: true }).click();
    await page.getByText('不能审批自己提交的申请。').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'zh-case-dispositions-approval');

    // The investigation: facts, a fishbone cause, the root cause, then the report.
    await page.getByRole('tab', { name: '调查分析' }).click();
    await page.getByText('鱼骨图（人机料法测环）').waitFor();
    await page.getByLabel('事实与现象').fill('第二段加热圈阻值 ∞，开路；温控热电偶接头松动。');
    await page.getByLabel('第 1 问：为什么').fill('温度为何波动？');
    await page.getByLabel('第 1 问：因为').fill('热电偶信号间断');
    const machine = page.getByLabel('机（Machine）');
    await machine.fill('热电偶接头松动');
    await machine.press('Enter');
    await page.getByLabel('根本原因', { exact: true }).fill('装配时热电偶接头未按扭矩拧紧');
    await page.getByRole('button', { name: /提交调查报告/ }).click();
    await page.getByText(/调查报告已于/).waitFor();
    await screenshot(page, 'zh-case-investigation');

    await page.getByRole('tab', { name: '费用' }).click();
    await page.getByText('往返高铁').waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'zh-case-costs');

    await page.getByRole('tab', { name: /处理记录/ }).click();
    await page
      .getByText(/在服务备忘录上签字/)
      .first()
      .waitFor();
    await page.locator('.ant-timeline').getByText('登记费用', { exact: true }).first().waitFor();
    await screenshot(page, 'zh-case-timeline-dispositions');

    await page.getByRole('link', { name: '处置', exact: true }).click();
    await page.getByTestId('queue-visitsToday').waitFor();
    await page.getByText('全部', { exact: true }).click();
    await page.getByRole('link', { name: order.number }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'zh-dispositions');

    await page.getByRole('link', { name: '费用结算' }).click();
    await page.getByText('¥420.00').first().waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'zh-settlement');

    await page.goto(`${server.url}/settings/approval-matrix`);
    await page.getByTestId('approval-compensation').waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'zh-approval-matrix');
    await page.getByRole('tab', { name: '三包条款' }).click();
    await page.getByText('封口机 的三包条款').waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'zh-warranty-terms');
    // The refused approval is the only failed request.
    expect(problems.filter((p) => !/status of 403/.test(p))).toEqual([]);
  });
});
