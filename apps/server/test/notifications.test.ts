import type { AddressInfo } from 'node:net';
import { eq, like } from 'drizzle-orm';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, outbox, outboxAttempts } from '../src/db/schema.ts';
import { deliverOutbox, retryDelayMs } from '../src/features/notifications/outbox-worker.ts';
import { messageCustomer, notifyUsers } from '../src/features/notifications/service.ts';
import { createTestEnv, type TestEnv } from '../src/testing/index.ts';

interface Received {
  to: string;
  raw: string;
  mail: ParsedMail;
}

/** A real SMTP listener: collects what it accepts; `replies` scripts refusals per recipient. */
const received: Received[] = [];
const refused: Received[] = [];
const replies = new Map<string, number[]>();
const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (address.address.startsWith('nobody')) return callback(smtpError(550, '5.1.1 mailbox unavailable'));
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const to = session.envelope.rcptTo[0]?.address ?? '';
      const raw = Buffer.concat(chunks);
      simpleParser(raw).then(
        (mail) => {
          const code = replies.get(to)?.shift();
          if (code) {
            refused.push({ to, raw: raw.toString('utf8'), mail });
            return callback(smtpError(code, '4.3.0 try again later'));
          }
          received.push({ to, raw: raw.toString('utf8'), mail });
          callback(null, `queued as ${received.length}`);
        },
        (e: Error) => callback(e),
      );
    });
  },
});

let env: TestEnv;
let caseRef: { id: string; number: string };

/** Sessions live in real time, so the pinned clock stays near it: `base` is when the file started. */
let base: number;
const at = (minutes: number, seconds = 0) => {
  env.clock.now = new Date(base + minutes * 60_000 + seconds * 1000);
  return env.clock.now;
};
const runWorker = (instance = 'test-a', config = env.config, limit?: number) =>
  deliverOutbox({ db: env.database.db, config, now: () => env.clock.now ?? new Date(), instance }, limit ? { limit } : {});
const mailsTo = (address: string) => received.filter((r) => r.to === address);
const outboxOf = (dedupePrefix: string) =>
  env.database.db
    .select()
    .from(outbox)
    .where(like(outbox.dedupeKey, `${dedupePrefix}%`));
const attemptsOf = (outboxId: number) =>
  env.database.db.select().from(outboxAttempts).where(eq(outboxAttempts.outboxId, outboxId)).orderBy(outboxAttempts.id);

/** A signed-in agent with the given address and language (set by the administrator). */
async function staff(email: string | null, locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const client = await env.userWith(['agent']);
  const users = (await env.admin.get('/api/v1/users')).json().items as { id: string; version: number }[];
  const version = users.find((u) => u.id === client.userId)?.version;
  const res = await env.admin.patch(`/api/v1/users/${client.userId}`, { version, email, locale });
  expect(res.statusCode, res.body).toBe(200);
  return client;
}

/** Enqueue in a committed transaction, as a feature's use case does. */
const notify = (input: Omit<Parameters<typeof notifyUsers>[2], 'at'> & { at?: Date }) =>
  env.database.db.transaction((tx) => notifyUsers(tx, env.config, { at: env.clock.now ?? new Date(), ...input }));

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  env = await createTestEnv({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    PUBLIC_URL: 'https://closeloop.example.com/',
    MAIL_FROM: '闭环客服 <service@closeloop.example.com>',
    TIME_ZONE: 'Asia/Shanghai',
  });
  base = Math.floor(Date.now() / 60_000) * 60_000 + 60_000;
  at(0);
  const created = await env.admin.post('/api/v1/cases', { type: 'complaint', title: '泵体漏油 <b>&</b>', channel: 'phone' });
  expect(created.statusCode, created.body).toBe(201);
  caseRef = created.json();
});
afterAll(async () => {
  await env?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('enqueueing with the change', () => {
  it('enqueues nothing when the transaction rolls back, and delivers after commit', async () => {
    const user = await staff('rollback@example.com');
    at(10);
    const input = {
      kind: 'case_assigned' as const,
      userIds: [user.userId],
      caseId: caseRef.id,
      params: { caseNumber: caseRef.number, caseTitle: 'x' },
      dedupeKey: 'rollback-test',
    };
    await expect(
      env.database.db.transaction(async (tx) => {
        await notifyUsers(tx, env.config, { ...input, at: env.clock.now as Date });
        throw new Error('the use case failed');
      }),
    ).rejects.toThrow('the use case failed');
    expect(await outboxOf('rollback-test')).toHaveLength(0);
    expect((await user.get('/api/v1/me/notifications')).json().total).toBe(0);
    await runWorker();
    expect(mailsTo('rollback@example.com')).toHaveLength(0);

    await notify(input);
    expect((await user.get('/api/v1/me/notifications')).json().total).toBe(1);
    await runWorker();
    expect(mailsTo('rollback@example.com')).toHaveLength(1);
    const [row] = await outboxOf('rollback-test');
    expect(row).toMatchObject({ status: 'sent', attempts: 1, sentAt: env.clock.now });
  });

  it('writes to each user in their language: Chinese subject for zh-CN, English for en-US, values escaped', async () => {
    const zh = await staff('zh@example.com', 'zh-CN');
    const en = await staff('en@example.com', 'en-US');
    at(20);
    await notify({
      kind: 'sla_warning',
      userIds: [zh.userId, en.userId],
      caseId: caseRef.id,
      params: { caseNumber: caseRef.number, caseTitle: '泵体漏油 <b>&</b>', clock: 'first_reply', dueAt: '2026-11-23T09:30:00.000Z' },
      dedupeKey: `sla_warning:${caseRef.id}:first_reply`,
    });
    expect(await runWorker()).toMatchObject({ sent: 2, failed: 0 });

    const [zhMail] = mailsTo('zh@example.com');
    expect(zhMail?.mail.subject).toBe(`[Closeloop] 即将超时：案件 ${caseRef.number} 首次答复`);
    // nodemailer sends the Chinese as an encoded word; the header line itself is ASCII.
    expect(zhMail?.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(zhMail?.mail.text).toContain('首次答复期限即将到达（截止 2026-11-23 17:30 (UTC+8)）');
    expect(zhMail?.mail.text).toContain(`查看案件: https://closeloop.example.com/cases/${caseRef.number}`);
    expect(zhMail?.mail.from?.value[0]).toEqual({ name: '闭环客服', address: 'service@closeloop.example.com' });
    expect(zhMail?.mail.messageId).toMatch(/^<outbox-\d+\.[0-9a-f]{16}@closeloop\.example\.com>$/);
    expect(zhMail?.mail.headers.get('auto-submitted')).toBe('auto-generated');
    const html = String(zhMail?.mail.html);
    expect(html).toContain('泵体漏油 &#60;b&#62;&#38;&#60;/b&#62;');
    expect(html).not.toContain('<b>');
    expect(html).toContain(`<a href="https://closeloop.example.com/cases/${caseRef.number}">查看案件</a>`);

    const [enMail] = mailsTo('en@example.com');
    expect(enMail?.mail.subject).toBe(`[Closeloop] Due soon: First reply for case ${caseRef.number}`);
    expect(enMail?.mail.text).toContain('(due 2026-11-23 17:30 (UTC+8))');
    expect(enMail?.mail.text).toContain('Open the case: https://closeloop.example.com/cases/');
  });

  it('sends once and rings the bell once when called twice with the same dedupe key; skips inactive users', async () => {
    const withMail = await staff('twice@example.com');
    const withoutMail = await staff(null);
    const inactive = await staff('inactive@example.com');
    const users = (await env.admin.get('/api/v1/users')).json().items as { id: string; version: number }[];
    const version = users.find((u) => u.id === inactive.userId)?.version;
    expect((await env.admin.patch(`/api/v1/users/${inactive.userId}`, { version, isActive: false })).statusCode).toBe(200);
    at(30);
    const input = {
      kind: 'sla_breached' as const,
      userIds: [withMail.userId, withoutMail.userId, withMail.userId, inactive.userId],
      caseId: caseRef.id,
      params: { caseNumber: caseRef.number, clock: 'resolve', dueAt: '2026-11-23T03:59:00Z' },
      dedupeKey: `sla_breached:${caseRef.id}:resolve:1`,
    };
    await notify(input);
    await notify(input);
    await runWorker();
    await notify(input);
    await runWorker();
    expect(mailsTo('twice@example.com')).toHaveLength(1);
    expect(mailsTo('twice@example.com')[0]?.mail.subject).toBe(`[Closeloop] 已超时：案件 ${caseRef.number} 结案`);
    expect(mailsTo('inactive@example.com')).toHaveLength(0);
    for (const user of [withMail, withoutMail]) {
      const bell = (await user.get('/api/v1/me/notifications')).json();
      expect(bell.total).toBe(1);
      expect(bell.items[0]).toMatchObject({ kind: 'sla_breached', caseId: caseRef.id, params: input.params, readAt: null });
    }
    const rows = await outboxOf(input.dedupeKey);
    expect(rows.map((r) => [r.kind, r.status]).sort()).toEqual([
      ['email', 'sent'],
      ['in_app_only', 'sent'],
    ]);
    const inactiveRows = await env.database.db.select().from(notifications).where(eq(notifications.userId, inactive.userId));
    expect(inactiveRows).toHaveLength(0);
  });

  it('writes the customer acknowledgement once, in the customer’s language, signed with the company name', async () => {
    at(40);
    const input = {
      kind: 'customer_acknowledgement' as const,
      caseId: caseRef.id,
      to: 'buyer@customer.example.com',
      locale: 'zh-CN' as const,
      params: { caseNumber: caseRef.number, customerName: '宁波海天机械', companyName: '华东泵业', dueAt: '2026-11-24T09:00:00Z' },
      dedupeKey: `customer_acknowledgement:${caseRef.id}`,
    };
    for (let i = 0; i < 2; i += 1) {
      await env.database.db.transaction((tx) => messageCustomer(tx, env.config, { ...input, at: env.clock.now as Date }));
    }
    await runWorker();
    const mails = mailsTo('buyer@customer.example.com');
    expect(mails).toHaveLength(1);
    const mail = mails[0]?.mail;
    expect(mail?.subject).toBe(`【华东泵业】我们已收到您的反馈（案件编号 ${caseRef.number}）`);
    expect(mail?.text).toContain('尊敬的宁波海天机械：');
    expect(mail?.text).toContain(`登记为案件 ${caseRef.number}`);
    expect(mail?.text).toContain('预计答复时间：2026-11-24 17:00 (UTC+8) 之前');
    expect(mail?.text).toContain('产品序列号或批次号');
    expect(mail?.text).toContain('华东泵业 客户服务部');
    expect(mail?.text).not.toContain('https://closeloop.example.com');

    await env.database.db.transaction((tx) =>
      messageCustomer(tx, env.config, {
        ...input,
        to: 'buyer@foreign.example.com',
        locale: 'en-US',
        dedupeKey: `${input.dedupeKey}:en`,
        at: env.clock.now as Date,
      }),
    );
    await runWorker();
    const en = mailsTo('buyer@foreign.example.com')[0]?.mail;
    expect(en?.subject).toBe(`[华东泵业] We have received your feedback (case number ${caseRef.number})`);
    expect(en?.text).toContain('Expected reply by: 2026-11-24 17:00 (UTC+8).');
    expect(en?.text).toContain('华东泵业 Customer Service');
  });
});

describe('delivery', () => {
  it('retries a 4xx refusal after a backoff, not before it is due, and logs both attempts', async () => {
    const user = await staff('busy@example.com');
    replies.set('busy@example.com', [451]);
    const t0 = at(50);
    await notify({ kind: 'case_assigned', userIds: [user.userId], params: { caseNumber: caseRef.number }, dedupeKey: 'busy' });
    await runWorker();
    const [row] = await outboxOf('busy');
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lockedBy: null });
    expect(row?.availableAt).toEqual(new Date(t0.getTime() + retryDelayMs(1)));
    expect(row?.lastError).toContain('451');

    at(50, 29);
    await runWorker();
    expect(mailsTo('busy@example.com')).toHaveLength(0);
    expect((await outboxOf('busy'))[0]?.status).toBe('pending');

    at(50, 30);
    await runWorker('test-b');
    expect(mailsTo('busy@example.com')).toHaveLength(1);
    const [sent] = await outboxOf('busy');
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    const log = await attemptsOf(sent?.id as number);
    expect(log.map((a) => [a.attempt, a.ok, a.instance])).toEqual([
      [1, false, 'test-a'],
      [2, true, 'test-b'],
    ]);
    expect(log[0]?.detail).toContain('451 4.3.0 try again later');
    expect(log[1]?.detail).toMatch(/^250 /);
    // Every attempt of one row carries the same Message-ID: a receiver can drop a resent copy.
    expect(refused.find((r) => r.to === 'busy@example.com')?.mail.messageId).toBe(mailsTo('busy@example.com')[0]?.mail.messageId);
    expect(retryDelayMs(2)).toBe(60_000);
    expect(retryDelayMs(20)).toBe(3_600_000);
  });

  it('gives up at once on a 5xx refusal', async () => {
    const user = await staff('nobody@example.com');
    at(60);
    await notify({ kind: 'case_assigned', userIds: [user.userId], params: { caseNumber: caseRef.number }, dedupeKey: 'refused' });
    expect((await runWorker()).failed).toBeGreaterThanOrEqual(1);
    const [row] = await outboxOf('refused');
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.lastError).toContain('550');
    at(120);
    await runWorker();
    expect((await attemptsOf(row?.id as number)).map((a) => a.ok)).toEqual([false]);
  });

  it('two workers running together send every message exactly once', async () => {
    const users = await Promise.all(['p1@example.com', 'p2@example.com', 'p3@example.com'].map((a) => staff(a)));
    at(130);
    for (let i = 0; i < 8; i += 1) {
      await notify({
        kind: 'sla_escalated',
        userIds: users.map((u) => u.userId),
        caseId: caseRef.id,
        params: { caseNumber: caseRef.number, clock: 'on_site', level: i + 1 },
        dedupeKey: `parallel:${i}`,
      });
    }
    const drain = async (instance: string) => {
      let sent = 0;
      for (;;) {
        const r = await runWorker(instance, env.config, 3);
        if (r.sent + r.failed + r.skipped === 0) return sent;
        sent += r.sent;
      }
    };
    const [a, b] = await Promise.all([drain('worker-a'), drain('worker-b')]);
    expect(a + b).toBeGreaterThanOrEqual(24);
    const got = received.filter((r) => /^p\d@example\.com$/.test(r.to));
    expect(got).toHaveLength(24);
    expect(new Set(got.map((r) => r.mail.messageId)).size).toBe(24);
    expect(got.filter((r) => r.to === 'p2@example.com').map((r) => r.mail.subject)).toContain(
      `[Closeloop] 超时升级（第 8 级）：案件 ${caseRef.number}`,
    );
    const rows = await outboxOf('parallel:');
    expect(rows).toHaveLength(24);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    // Both instances took part, and no row was attempted by more than one.
    const log = (await Promise.all(rows.map((r) => attemptsOf(r.id)))).flat();
    expect(log).toHaveLength(24);
    expect(new Set(log.map((l) => l.instance))).toEqual(new Set(['worker-a', 'worker-b']));
  });

  it('marks messages skipped without an SMTP server; the retry endpoint queues them again', async () => {
    const user = await staff('later@example.com');
    at(140);
    await notify({ kind: 'case_assigned', userIds: [user.userId], params: { caseNumber: caseRef.number }, dedupeKey: 'no-smtp' });
    const result = await runWorker('test-a', { ...env.config, smtpUrl: undefined });
    expect(result.skipped).toBeGreaterThanOrEqual(1);
    const [row] = await outboxOf('no-smtp');
    expect(row).toMatchObject({ status: 'skipped' });
    expect(mailsTo('later@example.com')).toHaveLength(0);

    const log = (await env.admin.get('/api/v1/admin/outbox?status=skipped')).json();
    const view = log.items.find((i: { id: number }) => i.id === row?.id);
    expect(view).toMatchObject({ to: 'later@example.com', status: 'skipped', subject: `[Closeloop] 案件 ${caseRef.number} 已分派给您` });
    expect(view.log[0]).toMatchObject({ ok: false, instance: 'test-a' });
    expect(view.log[0].detail).toContain('no SMTP server configured');

    at(145);
    const retried = await env.admin.post(`/api/v1/admin/outbox/${row?.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'pending', availableAt: at(145).toISOString() });
    const again = await env.admin.post(`/api/v1/admin/outbox/${row?.id}/retry`);
    expect(again.statusCode).toBe(409);

    await runWorker();
    expect(mailsTo('later@example.com')).toHaveLength(1);
    expect((await env.admin.post(`/api/v1/admin/outbox/${row?.id}/retry`)).statusCode).toBe(409);
    expect((await env.admin.post('/api/v1/admin/outbox/999999/retry')).statusCode).toBe(404);
  });
});

describe('HTTP', () => {
  it('lists my notifications with the unread count and marks them read; not someone else’s', async () => {
    const me = await staff(null);
    const other = await staff(null);
    at(150);
    for (const [i, kind] of (['case_assigned', 'sla_warning', 'sla_breached'] as const).entries()) {
      await notify({ kind, userIds: [me.userId], caseId: caseRef.id, params: { caseNumber: caseRef.number }, dedupeKey: `bell:${i}` });
    }
    await notify({ kind: 'case_assigned', userIds: [other.userId], params: {}, dedupeKey: 'bell:other' });

    const page = (await me.get('/api/v1/me/notifications?pageSize=2')).json();
    expect(page).toMatchObject({ page: 1, pageSize: 2, total: 3, unread: 3 });
    expect(page.items.map((n: { kind: string }) => n.kind)).toEqual(['sla_breached', 'sla_warning']);

    const read = await me.post('/api/v1/me/notifications/read', { ids: [page.items[0].id] });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual({ unread: 2 });
    const unreadOnly = (await me.get('/api/v1/me/notifications?unreadOnly=true')).json();
    expect(unreadOnly).toMatchObject({ total: 2, unread: 2 });

    const otherId = (await other.get('/api/v1/me/notifications')).json().items[0].id;
    const foreign = await me.post('/api/v1/me/notifications/read', { ids: [otherId, page.items[1].id] });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
    expect((await other.get('/api/v1/me/notifications')).json().unread).toBe(1);
    expect((await me.get('/api/v1/me/notifications')).json().unread).toBe(2);

    expect((await me.post('/api/v1/me/notifications/read', { all: true })).json()).toEqual({ unread: 0 });
    expect((await other.get('/api/v1/me/notifications')).json().unread).toBe(1);
    expect((await me.post('/api/v1/me/notifications/read', { ids: [] })).statusCode).toBe(400);
    expect((await env.anonymous.get('/api/v1/me/notifications')).statusCode).toBe(401);
  });

  it('shows the outbox log only with sla:manage', async () => {
    const agent = await staff(null);
    const denied = await agent.get('/api/v1/admin/outbox');
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('forbidden');
    expect((await agent.post('/api/v1/admin/outbox/1/retry')).statusCode).toBe(403);

    const log = await env.admin.get(`/api/v1/admin/outbox?caseId=${caseRef.id}&pageSize=200`);
    expect(log.statusCode, log.body).toBe(200);
    const body = log.json();
    expect(body.total).toBe(body.items.length);
    expect(body.items.every((i: { kind: string; caseId: string }) => i.kind === 'email' && i.caseId === caseRef.id)).toBe(true);
    const sent = body.items.find((i: { to: string }) => i.to === 'zh@example.com');
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(sent.log).toHaveLength(1);
    expect(sent.log[0]).toMatchObject({ attempt: 1, ok: true });
    expect((await env.admin.get('/api/v1/admin/outbox?status=failed')).json().items.map((i: { to: string }) => i.to)).toEqual([
      'nobody@example.com',
    ]);
  });
});
