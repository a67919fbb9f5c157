import { Readable } from 'node:stream';
import { isOpenDisposition, type SignatureBody } from '@closeloop/domain';
import type { Ctx } from '../../lib/context.ts';
import { DomainError, invalidField, versionConflict } from '../../lib/errors.ts';
import { storeUpload } from '../../lib/file-store.ts';
import { ensurePng, SIGNATURE_PNG_LIMITS } from '../../lib/png.ts';
import { transaction } from '../../lib/transaction.ts';
import { recordAttachment } from '../cases/index.ts';
import { recordCaseEvents } from '../timeline/index.ts';
import { ensureMaySignServiceOrder } from './policy.ts';
import * as repo from './repository.ts';
import { getDisposition, loadDisposition } from './service.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The customer signs the service memo on a phone or tablet: a PNG kept as an attachment of the
 * case. The image is checked and stored first; the attachment, the signature on the disposition and
 * both timeline entries are written in one transaction, and the stored file is discarded when that
 * fails — a signature is never on record without its file, nor a file without its record.
 */
export async function signServiceOrder(ctx: Ctx, id: string, input: SignatureBody) {
  ensureMaySignServiceOrder(ctx.actor);
  const actorCtx = { ...ctx, actor: ctx.actor };
  const { d } = await loadDisposition(ctx.db, id);
  if (d.kind !== 'service_order') throw new DomainError('guard_failed', `${d.number} is not a service order`);
  if (!isOpenDisposition(d.status)) throw new DomainError('transition_not_allowed', `${d.number} is ${d.status}`);
  if (d.version !== input.version) throw versionConflict(`disposition ${d.number}`, d.version);
  const png = Buffer.from(input.pngBase64.replace(/^data:image\/png;base64,/, ''), 'base64');
  if (png.length < 100 || !png.subarray(0, 8).equals(PNG)) throw invalidField('pngBase64', 'not a PNG image');
  await ensurePng(png, 'pngBase64', SIGNATURE_PNG_LIMITS);
  const file = await storeUpload(
    ctx.config.attachmentsDir,
    { filename: `signature-${d.number}.png`, stream: Readable.from(png), truncated: () => false },
    { maxBytes: ctx.config.attachmentMaxBytes },
  );
  try {
    await transaction(ctx, async (tx) => {
      const now = ctx.now();
      const attachment = await recordAttachment(tx, actorCtx, d.caseId, file);
      const signature = { attachmentId: attachment.id, signedBy: input.signedBy, signedAt: now.toISOString() };
      const updated = await repo.updateDisposition(tx, d.id, d.version, { signature, updatedAt: now });
      if (!updated) throw versionConflict(`disposition ${d.number}`, d.version);
      await recordCaseEvents(tx, ctx, d.caseId, [
        {
          kind: 'service_memo_signed',
          data: { dispositionId: d.id, number: d.number, signedBy: input.signedBy, attachmentId: attachment.id },
        },
      ]);
    });
  } catch (e) {
    file.discard();
    throw e;
  }
  return getDisposition(ctx, id);
}
