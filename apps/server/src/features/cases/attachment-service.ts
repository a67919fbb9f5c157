import { ensure } from '../../lib/actor.ts';
import type { ActorCtx, Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { INLINE_CONTENT, openStoredFile, type StoredFile, storeUpload, type Upload } from '../../lib/file-store.ts';
import { transaction } from '../../lib/transaction.ts';
import { recordCaseEvents } from '../timeline/index.ts';
import { presentAttachment } from './presenter.ts';
import * as repo from './repository.ts';

type Executor = Parameters<typeof repo.findCase>[0];

/**
 * Record a stored file as an attachment of a case, with its timeline entry, in the caller's
 * transaction (an upload, a customer's signature).
 */
export async function recordAttachment(tx: Executor, ctx: ActorCtx, caseId: string, file: StoredFile) {
  const now = ctx.now();
  const inserted = await repo.insertAttachment(tx, {
    caseId,
    filename: file.filename,
    contentType: file.contentType,
    size: file.size,
    sha256: file.sha256,
    storageKey: file.storageKey,
    uploadedById: ctx.actor.userId,
    createdAt: now,
  });
  await recordCaseEvents(tx, ctx, caseId, [
    {
      kind: 'attachment_added',
      at: now,
      data: { attachmentId: inserted.id, filename: file.filename, size: file.size, contentType: file.contentType },
    },
  ]);
  await repo.touchCase(tx, caseId, now);
  return inserted;
}

/**
 * Attach an upload to a case: the file is stored first (checked by name, size and signature), then
 * recorded with a timeline event in one transaction. On any failure nothing remains: no row, no new file.
 */
export async function attachFile(ctx: Ctx, idOrNumber: string, upload: Upload) {
  ensure(ctx.actor, 'cases:comment');
  const actorCtx = { ...ctx, actor: ctx.actor };
  const current = await repo.findCase(ctx.db, idOrNumber);
  if (!current) {
    upload.stream.resume();
    throw notFound('case', idOrNumber);
  }
  const file = await storeUpload(ctx.config.attachmentsDir, upload, { maxBytes: ctx.config.attachmentMaxBytes });
  try {
    const row = await transaction(ctx, (tx) => recordAttachment(tx, actorCtx, current.id, file));
    return presentAttachment({ a: row, uploaderName: ctx.actor.displayName });
  } catch (e) {
    file.discard();
    throw e;
  }
}

export async function listAttachments(ctx: Ctx, idOrNumber: string) {
  ensure(ctx.actor, 'cases:read');
  const current = await repo.findCase(ctx.db, idOrNumber);
  if (!current) throw notFound('case', idOrNumber);
  return (await repo.listAttachments(ctx.db, current.id)).map(presentAttachment);
}

/** Open an attachment's content for download. */
export async function openAttachment(ctx: Ctx, idOrNumber: string, attachmentId: string) {
  ensure(ctx.actor, 'cases:read');
  const current = await repo.findCase(ctx.db, idOrNumber);
  if (!current) throw notFound('case', idOrNumber);
  const found = await repo.findAttachment(ctx.db, current.id, attachmentId);
  if (!found) throw notFound('attachment', attachmentId);
  const stream = openStoredFile(ctx.config.attachmentsDir, found.a.storageKey);
  if (!stream) throw notFound('attachment content', attachmentId);
  return {
    meta: presentAttachment(found),
    stream,
    disposition: INLINE_CONTENT.test(found.a.contentType) ? 'inline' : 'attachment',
  };
}
