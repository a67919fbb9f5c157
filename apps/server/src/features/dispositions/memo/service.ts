import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DispositionDetails } from '@closeloop/domain';
import { eq, inArray } from 'drizzle-orm';
import { attachments, caseCosts, cases, contacts, customers, products, units, users } from '../../../db/schema.ts';
import { ensure } from '../../../lib/actor.ts';
import type { Ctx } from '../../../lib/context.ts';
import { DomainError } from '../../../lib/errors.ts';
import { dateIn } from '../../../lib/time.ts';
import { companySettings } from '../../settings/index.ts';
import { getDisposition } from '../service.ts';
import { readCachedMemo, writeCachedMemo } from './cache.ts';
import { findMemoFont } from './fonts.ts';
import { renderMemoOffThread } from './off-thread.ts';
import type { MemoLocale, ServiceMemo } from './types.ts';

/**
 * The printable service memo of a service order (服务备忘录), in Chinese or English, with the
 * customer's signature. Rendered on the renderer thread and kept: a download of unchanged content
 * is served from the cache.
 */
export async function serviceMemoPdf(ctx: Ctx, id: string, locale: MemoLocale): Promise<{ pdf: Buffer; filename: string }> {
  ensure(ctx.actor, 'cases:read');
  const d = await getDisposition(ctx, id);
  if (d.details.kind !== 'service_order') throw new DomainError('guard_failed', `${d.number} is not a service order`);
  const details = d.details as Extract<DispositionDetails, { kind: 'service_order' }>;
  const [c] = await ctx.db
    .select({
      c: cases,
      customerName: customers.name,
      address: customers.address,
      contactPhone: contacts.phone,
      contactName: contacts.name,
    })
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(contacts, eq(contacts.id, cases.contactId))
    .where(eq(cases.id, d.caseId));
  if (!c) throw new DomainError('not_found', `case of ${d.number} does not exist`);
  const [unit] = c.c.unitId ? await ctx.db.select().from(units).where(eq(units.id, c.c.unitId)) : [];
  const productId = c.c.productId ?? unit?.productId;
  const [product] = productId ? await ctx.db.select().from(products).where(eq(products.id, productId)) : [];
  const engineers = details.engineerIds.length
    ? (await ctx.db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, details.engineerIds))).map(
        (u) => u.name,
      )
    : [];
  const charges = (await ctx.db.select().from(caseCosts).where(eq(caseCosts.dispositionId, d.id)))
    .filter((k) => k.bearer === 'customer')
    .map((k) => ({ label: k.description ?? k.category, amount: k.amount }));
  let signature: { storageKey: string; sha256: string; signedBy: string; signedAt: Date } | undefined;
  if (d.signature) {
    const [a] = await ctx.db.select().from(attachments).where(eq(attachments.id, d.signature.attachmentId));
    if (a)
      signature = { storageKey: a.storageKey, sha256: a.sha256, signedBy: d.signature.signedBy, signedAt: new Date(d.signature.signedAt) };
  }
  const settings = await companySettings(ctx.db);
  const warrantyEnd = unit?.warrantyEnd ?? null;
  const memo: Omit<ServiceMemo, 'signature'> = {
    companyName: settings.companyName,
    memoNumber: d.number.replace(/-D(\d+)$/, '-SV$1'),
    caseNumber: c.c.number,
    customer: {
      name: c.customerName ?? c.c.contactName ?? '',
      ...(c.address ? { address: c.address } : {}),
      ...((c.c.contactName ?? c.contactName) ? { contactName: (c.c.contactName ?? c.contactName) as string } : {}),
      ...((c.c.contactPhone ?? c.contactPhone) ? { contactPhone: (c.c.contactPhone ?? c.contactPhone) as string } : {}),
    },
    ...(product
      ? {
          unit: {
            model: product.model,
            name: locale === 'en-US' ? (product.nameEn ?? product.name) : product.name,
            ...(unit?.serial ? { serial: unit.serial } : c.c.serialNo ? { serial: c.c.serialNo } : {}),
            warrantyStatus: warrantyEnd ? (warrantyEnd >= dateIn(ctx.config.timeZone, ctx.now()) ? 'in' : 'out') : null,
          },
        }
      : {}),
    engineers,
    ...(details.plannedArrival ? { plannedArrival: new Date(details.plannedArrival) } : {}),
    ...(details.arrivedAt ? { arrivedAt: new Date(details.arrivedAt) } : {}),
    ...(details.departedAt ? { departedAt: new Date(details.departedAt) } : {}),
    problem: c.c.description || c.c.title,
    workDone: details.workDone ?? '',
    partsUsed: details.partsUsed.map((p) => ({
      name: p.name,
      quantity: p.quantity,
      ...(p.partNo ? { partNo: p.partNo } : {}),
      ...(p.serialOut ? { serialOut: p.serialOut } : {}),
      ...(p.serialIn ? { serialIn: p.serialIn } : {}),
    })),
    ...(details.labourHours !== undefined ? { labourHours: details.labourHours } : {}),
    ...(details.travelHours !== undefined ? { travelHours: details.travelHours } : {}),
    charges,
    ...(details.customerComment ? { customerComment: details.customerComment } : {}),
    ...(details.satisfaction ? { satisfaction: details.satisfaction } : {}),
  };
  const filename = `${memo.memoNumber}.pdf`;

  // Everything printed, the signature by its checksum: the same key means the same PDF.
  const options = { timeZone: ctx.config.timeZone };
  const key = createHash('sha256')
    .update(
      JSON.stringify({ memo, signature: signature && { ...signature, storageKey: undefined }, locale, options, font: findMemoFont() }),
    )
    .digest('hex')
    .slice(0, 32);
  const cached = readCachedMemo(ctx.config, d.id, locale, key);
  if (cached) return { pdf: cached, filename };
  const png = signature && fs.readFileSync(path.join(ctx.config.attachmentsDir, signature.storageKey));
  const pdf = await renderMemoOffThread(
    { ...memo, ...(signature && png ? { signature: { png, signedBy: signature.signedBy, signedAt: signature.signedAt } } : {}) },
    locale,
    options,
  );
  writeCachedMemo(ctx.config, d.id, locale, key, pdf);
  return { pdf, filename };
}
