import { stripBidiControls } from '@closeloop/domain';
import { invalidField } from '../../../lib/errors.ts';
import { formatDueAt } from '../../notifications/index.ts';
import type { Labels } from './labels.ts';
import { CELL_PAD, FOOTER_OFFSET, LABEL_FILL, LINE_GAP, MAX_CELL, MIN_ROW, MUTED, RULE, SIGNATURE_BOX, SIZE, TEXT } from './style.ts';
import type { ServiceMemo } from './types.ts';

export interface Cell {
  text: string;
  /** A label or header cell: shaded, muted. */
  label?: boolean;
  bold?: boolean;
  span?: number;
  align?: 'left' | 'center' | 'right';
}

type Doc = PDFKit.PDFDocument;

/** No control characters but line feeds, no bidirectional controls (pdfkit lays text out left to right); CR LF → LF. */
export const clean = (s: string | undefined) =>
  stripBidiControls(s ?? '')
    .replace(/\r\n?/g, '\n')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ')
    .trim();
/** Header fields on one line. */
export const flat = (s: string | undefined) => clean(s).replace(/\s+/g, ' ');

/** Lays the memo out top to bottom, adding pages as content runs past the bottom margin. */
export class MemoWriter {
  constructor(
    private readonly doc: Doc,
    private readonly t: Labels,
    private readonly fonts: { regular: string; bold: string },
  ) {}

  get left() {
    return this.doc.page.margins.left;
  }
  get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  style(size: number, bold = false, color = TEXT) {
    this.doc
      .font(bold ? this.fonts.bold : this.fonts.regular)
      .fontSize(size)
      .fillColor(color);
    return this.doc;
  }

  gap(points: number) {
    this.doc.y += points;
  }

  centered(text: string, size: number, bold: boolean, color = TEXT) {
    this.style(size, bold, color).text(text, this.left, this.doc.y, { width: this.width, align: 'center', lineGap: LINE_GAP });
  }

  /** A section heading, kept with at least `keep` points of what follows. */
  heading(text: string, keep = 40) {
    this.gap(8);
    this.style(SIZE.heading, true);
    const h = this.doc.heightOfString(text, { width: this.width }) + 4;
    this.ensure(h + keep);
    const y = this.doc.y;
    this.doc.text(text, this.left, y, { width: this.width });
    const lineY = this.doc.y + 1;
    this.doc
      .moveTo(this.left, lineY)
      .lineTo(this.left + this.width, lineY)
      .lineWidth(0.8)
      .strokeColor(RULE)
      .stroke();
    this.doc.y = lineY + 4;
  }

  /** Running text; flows onto new pages as needed. */
  paragraph(text: string, color = TEXT) {
    this.style(SIZE.body, false, color);
    this.ensure(this.doc.currentLineHeight(true) + LINE_GAP);
    this.doc.text(text, this.left, this.doc.y, { width: this.width, lineGap: LINE_GAP });
  }

  /**
   * A bordered table. `widths` are fractions of the text width; each row's cells span them in
   * order. Rows do not split: a row that does not fit starts a new page, under `repeat` (the
   * header row) when given.
   */
  table(widths: number[], rows: Cell[][], repeat?: Cell[]) {
    const cols = widths.map((w) => w * this.width);
    const measure = (row: Cell[]) => {
      let col = 0;
      let height = MIN_ROW;
      for (const cell of row) {
        const span = cell.span ?? 1;
        const w = cols.slice(col, col + span).reduce((a, b) => a + b, 0);
        col += span;
        this.style(SIZE.cell, cell.bold);
        const textHeight = cell.text ? this.doc.heightOfString(cell.text, { width: w - 2 * CELL_PAD, lineGap: LINE_GAP }) : 0;
        height = Math.max(height, Math.min(textHeight, MAX_CELL) + 2 * CELL_PAD);
      }
      return height;
    };
    const draw = (row: Cell[], height: number) => {
      const y = this.doc.y;
      let x = this.left;
      let col = 0;
      for (const cell of row) {
        const span = cell.span ?? 1;
        const w = cols.slice(col, col + span).reduce((a, b) => a + b, 0);
        col += span;
        if (cell.label) this.doc.rect(x, y, w, height).fillColor(LABEL_FILL).fill();
        this.doc.rect(x, y, w, height).lineWidth(0.6).strokeColor(RULE).stroke();
        if (cell.text) {
          this.style(SIZE.cell, cell.bold, cell.label ? MUTED : TEXT).text(cell.text, x + CELL_PAD, y + CELL_PAD, {
            width: w - 2 * CELL_PAD,
            height: height - 2 * CELL_PAD,
            ellipsis: true,
            align: cell.align ?? 'left',
            lineGap: LINE_GAP,
          });
        }
        x += w;
      }
      this.doc.x = this.left;
      this.doc.y = y + height;
    };
    const repeatHeight = repeat ? measure(repeat) : 0;
    if (repeat) {
      this.ensure(repeatHeight + (rows[0] ? measure(rows[0]) : 0));
      draw(repeat, repeatHeight);
    }
    for (const row of rows) {
      const height = measure(row);
      if (this.doc.y + height > this.bottom) {
        this.doc.addPage();
        if (repeat) draw(repeat, repeatHeight);
      }
      draw(row, height);
    }
  }

  /** The five satisfaction levels as tick boxes, the given one ticked (none when not given). */
  satisfaction(value: number | undefined) {
    const levels = this.t.satisfactionLevels;
    const box = 9;
    this.style(SIZE.body, true);
    const labelWidth = this.doc.widthOfString(`${this.t.satisfaction}:`) + 12;
    this.ensure(this.doc.currentLineHeight(true) + 6);
    const y = this.doc.y;
    this.doc.text(`${this.t.satisfaction}:`, this.left, y, { lineBreak: false });
    let x = this.left + labelWidth;
    this.style(SIZE.body);
    levels.forEach((label, i) => {
      const score = 5 - i;
      const boxY = y + 1.5;
      this.doc.rect(x, boxY, box, box).lineWidth(0.8).strokeColor(TEXT).stroke();
      if (value === score) {
        this.doc
          .moveTo(x + 2, boxY + box / 2)
          .lineTo(x + box / 2 - 0.5, boxY + box - 2)
          .lineTo(x + box - 1.5, boxY + 1.5)
          .lineWidth(1.4)
          .strokeColor(TEXT)
          .stroke();
      }
      this.style(SIZE.body, value === score);
      this.doc.text(label, x + box + 4, y, { lineBreak: false });
      x += box + 4 + this.doc.widthOfString(label) + 14;
    });
    this.doc.x = this.left;
    this.doc.y = y + this.doc.currentLineHeight(true) + 4;
  }

  /** Height of `text` in the body style across the full width. */
  textHeight(text: string) {
    this.style(SIZE.body);
    return this.doc.heightOfString(text, { width: this.width, lineGap: LINE_GAP });
  }

  /** One line of body text. */
  lineHeight() {
    this.style(SIZE.body);
    return this.doc.currentLineHeight(true) + LINE_GAP;
  }

  /** Room the signature section takes under its heading: statement, box and the line under it. */
  signatureBodyHeight() {
    return this.textHeight(this.t.confirmation) + 6 + SIGNATURE_BOX.height + 5 + this.lineHeight();
  }

  /** Room the whole signature section takes. */
  signatureHeight() {
    this.style(SIZE.heading, true);
    return 8 + this.doc.heightOfString(this.t.signatureSection, { width: this.width }) + 5 + this.signatureBodyHeight();
  }

  /** The customer's signature: the image fitted in a box, or an empty box with a line to sign on. */
  signature(sig: ServiceMemo['signature'], timeZone: string) {
    const boxWidth = Math.min(SIGNATURE_BOX.width, this.width);
    const boxHeight = SIGNATURE_BOX.height;
    this.heading(this.t.signatureSection, this.signatureBodyHeight());
    this.paragraph(this.t.confirmation);
    this.gap(6);
    const x = this.left;
    const y = this.doc.y;
    this.doc.rect(x, y, boxWidth, boxHeight).lineWidth(0.8).strokeColor(RULE).stroke();
    if (sig) {
      const pad = 6;
      try {
        this.doc.image(sig.png, x + pad, y + pad, { fit: [boxWidth - 2 * pad, boxHeight - 2 * pad], align: 'center', valign: 'center' });
      } catch (error) {
        throw invalidField('signature.png', `cannot be read as a PNG image (${(error as Error).message})`, 'not_png');
      }
      this.doc.y = y + boxHeight + 5;
      this.style(SIZE.body).text(this.t.signedBy(flat(sig.signedBy), formatDueAt(sig.signedAt.toISOString(), timeZone)), x, this.doc.y, {
        width: this.width,
        lineGap: LINE_GAP,
      });
    } else {
      const lineY = y + boxHeight - 24;
      this.doc
        .moveTo(x + 12, lineY)
        .lineTo(x + boxWidth - 12, lineY)
        .lineWidth(0.8)
        .strokeColor(TEXT)
        .stroke();
      this.style(SIZE.small, false, MUTED);
      this.doc.text(this.t.signHere, x + 12, lineY + 5, { lineBreak: false });
      this.doc.text(this.t.signDate, x + boxWidth * 0.62, lineY + 5, { lineBreak: false });
      this.doc.x = this.left;
      this.doc.y = y + boxHeight + 5;
    }
  }

  /** `text` cut to `width` in the current style, with an ellipsis when cut. */
  fitLine(text: string, width: number) {
    if (this.doc.widthOfString(text) <= width) return text;
    const chars = Array.from(text);
    while (chars.length > 0 && this.doc.widthOfString(`${chars.join('')}…`) > width) chars.pop();
    return `${chars.join('')}…`;
  }

  /** `company · memo number` left and the page count right, on every page. */
  footers(left: string) {
    const range = this.doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      this.doc.switchToPage(range.start + i);
      const page = this.doc.page;
      const savedBottom = page.margins.bottom;
      // Writing inside the bottom margin would otherwise start a new page.
      page.margins.bottom = 0;
      const y = page.height - FOOTER_OFFSET;
      const width = page.width - page.margins.left - page.margins.right;
      this.doc
        .moveTo(page.margins.left, y - 6)
        .lineTo(page.margins.left + width, y - 6)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      this.style(SIZE.small, false, MUTED);
      this.doc.text(this.fitLine(left, width * 0.7), page.margins.left, y, { lineBreak: false });
      this.doc.text(this.t.page(i + 1, range.count), page.margins.left, y, { width, align: 'right', lineBreak: false });
      page.margins.bottom = savedBottom;
    }
  }
}
