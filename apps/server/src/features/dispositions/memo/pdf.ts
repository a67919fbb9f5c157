import PDFDocument from 'pdfkit';
import { invalidField } from '../../../lib/errors.ts';
import { ensurePng, SIGNATURE_PNG_LIMITS } from '../../../lib/png.ts';
import { formatDueAt } from '../../notifications/index.ts';
import { findMemoFont, fontMissing } from './fonts.ts';
import { LABELS, type Labels } from './labels.ts';
import { KEEP_CUSTOMER_PART, MARGIN, MIN_ROW, MUTED, SATISFACTION_HEIGHT, SIZE } from './style.ts';
import type { MemoLocale, MemoRenderOptions, ServiceMemo } from './types.ts';
import { type Cell, clean, flat, MemoWriter } from './writer.ts';

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** What Helvetica (WinAnsi) can show: Latin-1 and the typographic extras. */
const STANDARD_FONT_TEXT = /^[\n\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]*$/;

function memoTexts(m: ServiceMemo): string[] {
  return [
    m.companyName,
    m.memoNumber,
    m.caseNumber,
    m.customer.name,
    m.customer.address,
    m.customer.contactName,
    m.customer.contactPhone,
    m.unit?.model,
    m.unit?.name,
    m.unit?.serial,
    ...m.engineers,
    m.problem,
    m.workDone,
    ...m.partsUsed.flatMap((p) => [p.partNo, p.name, p.serialOut, p.serialIn]),
    ...(m.charges ?? []).map((c) => c.label),
    m.customerComment,
    m.signature?.signedBy,
  ].map(clean);
}

async function validate(memo: ServiceMemo) {
  const s = memo.satisfaction;
  if (s !== undefined && s !== null && !(Number.isInteger(s) && s >= 1 && s <= 5)) {
    throw invalidField('satisfaction', 'must be a whole number from 1 to 5', 'out_of_range');
  }
  // Checked at upload too; again here because pdfkit decodes every pixel of what it is given.
  const png = memo.signature?.png;
  if (png) await ensurePng(png, 'signature.png', SIGNATURE_PNG_LIMITS);
}

function formatNumber(n: number, locale: MemoLocale, fractionDigits: { min: number; max: number }) {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: fractionDigits.min,
    maximumFractionDigits: fractionDigits.max,
  }).format(n);
}

/**
 * The printable service memo as a PDF (A4): header, customer and unit, problem and work done,
 * parts, hours and charges, the customer's comment and satisfaction, and the signature box.
 * Chinese needs a CJK font (see `findMemoFont`); without one, Chinese memos, and English ones
 * holding Chinese text, fail with a DomainError telling the administrator what to install.
 */
export async function renderServiceMemo(memo: ServiceMemo, locale: MemoLocale, options: MemoRenderOptions = {}): Promise<Buffer> {
  await validate(memo);
  const t = LABELS[locale];
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const font = options.font === undefined ? findMemoFont() : options.font;
  if (!font) {
    if (locale === 'zh-CN') throw fontMissing('no font with Chinese characters is installed');
    if (!memoTexts(memo).every((s) => STANDARD_FONT_TEXT.test(s))) {
      throw fontMissing('the memo holds Chinese (non-Latin) text and no font with Chinese characters is installed');
    }
  }

  const title = `${t.title} ${flat(memo.memoNumber)}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: locale,
    displayTitle: true,
    info: { Title: title, Author: flat(memo.companyName), Subject: flat(memo.caseNumber), Creator: 'Closeloop' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  let fonts = { regular: 'Helvetica', bold: 'Helvetica-Bold' };
  if (font) {
    doc.registerFont('memo-regular', font.regular.path, font.regular.family);
    doc.registerFont('memo-bold', (font.bold ?? font.regular).path, (font.bold ?? font.regular).family);
    fonts = { regular: 'memo-regular', bold: 'memo-bold' };
    try {
      doc.font(fonts.regular);
      doc.font(fonts.bold);
    } catch (error) {
      throw fontMissing(`the font ${font.regular.path} from ${font.source} cannot be used (${(error as Error).message})`);
    }
  }

  try {
    layout(new MemoWriter(doc, t, fonts), memo, locale, t, timeZone);
  } catch (error) {
    doc.end();
    await done.catch(() => undefined);
    throw error;
  }
  doc.end();
  return done;
}

function layout(w: MemoWriter, memo: ServiceMemo, locale: MemoLocale, t: Labels, timeZone: string) {
  const date = (d: Date | undefined) => (d ? formatDueAt(d.toISOString(), timeZone) : '');
  const label = (text: string): Cell => ({ text, label: true });
  const value = (text: string | undefined, span = 1): Cell => ({ text: flat(text), span });

  // Title
  w.centered(flat(memo.companyName), SIZE.company, true, MUTED);
  w.gap(2);
  w.centered(t.title, SIZE.title, true);
  if (memo.unit?.warrantyStatus === 'in') w.centered(t.warrantySubtitle, SIZE.subtitle, false, MUTED);
  w.gap(10);

  // Header: numbers, dates, engineers
  const quarter = [0.17, 0.33, 0.17, 0.33];
  w.table(quarter, [
    [label(t.memoNumber), { ...value(memo.memoNumber), bold: true }, label(t.caseNumber), value(memo.caseNumber)],
    [label(t.plannedArrival), value(date(memo.plannedArrival)), label(t.arrivedAt), value(date(memo.arrivedAt))],
    [label(t.departedAt), value(date(memo.departedAt)), label(t.engineers), value(memo.engineers.map(flat).join(t.listSeparator))],
  ]);

  // Customer and unit
  const unit = memo.unit;
  const warranty = unit?.warrantyStatus === 'in' ? t.warrantyIn : unit?.warrantyStatus === 'out' ? t.warrantyOut : '';
  w.heading(t.customerAndUnit, 3 * MIN_ROW);
  w.table(quarter, [
    [label(t.customer), value(memo.customer.name, 3)],
    [label(t.address), value(memo.customer.address, 3)],
    [label(t.contactName), value(memo.customer.contactName), label(t.contactPhone), value(memo.customer.contactPhone)],
    [label(t.model), value(unit?.model), label(t.unitName), value(unit?.name)],
    [label(t.serial), value(unit?.serial), label(t.warranty), value(warranty)],
  ]);

  // Problem and work done
  w.heading(t.problem);
  w.paragraph(clean(memo.problem));
  w.heading(t.workDone);
  w.paragraph(clean(memo.workDone));

  // Parts
  w.heading(t.parts, 2 * MIN_ROW);
  if (memo.partsUsed.length === 0) {
    w.paragraph(t.noParts, MUTED);
  } else {
    const header: Cell[] = [t.lineNo, t.partNo, t.partName, t.quantity, t.serialOut, t.serialIn].map((text) => ({
      text,
      label: true,
    }));
    w.table(
      [0.07, 0.17, 0.3, 0.08, 0.19, 0.19],
      memo.partsUsed.map((p, i) => [
        { text: String(i + 1), align: 'center' },
        value(p.partNo),
        { text: clean(p.name) },
        { text: formatNumber(p.quantity, locale, { min: 0, max: 3 }), align: 'right' },
        value(p.serialOut),
        value(p.serialIn),
      ]),
      header,
    );
  }

  // Hours and charges
  const hours = (n: number | undefined) => (n === undefined || n === null ? '' : t.hours(formatNumber(n, locale, { min: 0, max: 2 })));
  const charges = memo.charges ?? [];
  w.heading(t.hoursAndCharges, 2 * MIN_ROW);
  w.table(quarter, [
    [label(t.labourHours), value(hours(memo.labourHours)), label(t.travelHours), value(hours(memo.travelHours))],
    ...(charges.length === 0 ? [[label(t.charges), value(t.noCharges, 3)]] : []),
  ]);
  if (charges.length > 0) {
    const money = (n: number) => formatNumber(n, locale, { min: 2, max: 2 });
    const totalCents = charges.reduce((sum, c) => sum + Math.round(c.amount * 100), 0);
    w.gap(6);
    w.table(
      [0.7, 0.3],
      [
        ...charges.map((c): Cell[] => [{ text: clean(c.label) }, { text: money(c.amount), align: 'right' }]),
        [
          { text: t.total, bold: true, align: 'right' },
          { text: money(totalCents / 100), bold: true, align: 'right' },
        ],
      ],
      [label(t.chargeItem), { ...label(t.amount), align: 'right' }],
    );
  }

  // Comment and satisfaction: with the signature, the customer's part, kept on one page when short
  const comment = clean(memo.customerComment);
  const blankRows = 2;
  const commentHeight = comment ? w.textHeight(comment) : memo.signature ? w.textHeight(t.noComment) : blankRows * MIN_ROW;
  const customerPart = commentHeight + 8 + SATISFACTION_HEIGHT + w.signatureHeight();
  w.heading(t.comment, customerPart <= KEEP_CUSTOMER_PART ? customerPart : 3 * MIN_ROW);
  if (comment) {
    w.paragraph(comment);
  } else if (memo.signature) {
    w.paragraph(t.noComment, MUTED);
  } else {
    // Printed for signing on paper: room to write by hand.
    w.gap(2);
    w.table(
      [1],
      Array.from({ length: blankRows }, () => [{ text: '' }]),
    );
  }
  w.gap(8);
  w.satisfaction(memo.satisfaction ?? undefined);

  // Signature, then page footers
  w.signature(memo.signature, timeZone);
  w.footers(`${flat(memo.companyName)} · ${t.title} ${flat(memo.memoNumber)}`);
}
