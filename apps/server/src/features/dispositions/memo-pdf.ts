import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stripBidiControls } from '@closeloop/domain';
import PDFDocument from 'pdfkit';
import { DomainError, invalidField } from '../../lib/errors.ts';
import { ensurePng, SIGNATURE_PNG_LIMITS } from '../../lib/png.ts';
import { formatDueAt } from '../notifications/index.ts';

export type MemoLocale = 'zh-CN' | 'en-US';

/** Everything printed on the on-site service memo (服务备忘录 / 三包服务登记单). Amounts are CNY. */
export interface ServiceMemo {
  companyName: string;
  /** e.g. `SV-2611-0007` */
  memoNumber: string;
  caseNumber: string;
  customer: { name: string; address?: string; contactName?: string; contactPhone?: string };
  unit?: { model: string; name?: string; serial?: string; warrantyStatus?: 'in' | 'out' | null };
  engineers: string[];
  plannedArrival?: Date;
  arrivedAt?: Date;
  departedAt?: Date;
  /** The phenomenon the customer reported (故障现象). */
  problem: string;
  workDone: string;
  /** `serialOut`: the part taken out of the unit; `serialIn`: the part fitted in its place. */
  partsUsed: { partNo?: string; name: string; quantity: number; serialOut?: string; serialIn?: string }[];
  labourHours?: number;
  travelHours?: number;
  /** Empty or absent for free (三包) service. */
  charges?: { label: string; amount: number }[];
  customerComment?: string;
  /** 1 (very dissatisfied) … 5 (very satisfied). */
  satisfaction?: number;
  signature?: { png: Buffer; signedBy: string; signedAt: Date };
}

/**
 * A font file with Simplified Chinese glyphs. `family` is the PostScript name of the face to use
 * when the file is a collection (.ttc / .otc).
 */
export interface MemoFontFile {
  path: string;
  family?: string;
}

export interface MemoFont {
  regular: MemoFontFile;
  /** Headings fall back to the regular face when the source has no bold one. */
  bold?: MemoFontFile;
  /** Where it came from, for logs: `MEMO_FONT_PATH`, the npm package or a system path. */
  source: string;
}

export interface MemoRenderOptions {
  /** Dates are printed in this zone (the company's TIME_ZONE); default Asia/Shanghai. */
  timeZone?: string;
  /**
   * The CJK font; default `findMemoFont()`. `null` renders with the PDF standard font Helvetica,
   * which only holds Latin text: enough for English memos without Chinese names in them.
   */
  font?: MemoFont | null;
}

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Noto Sans SC (SIL OFL 1.1) as static TrueType, installed with the server's npm dependencies. */
const NPM_FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';
const NPM_FONT_FILES = { regular: '400Regular/NotoSansSC_400Regular.ttf', bold: '700Bold/NotoSansSC_700Bold.ttf' };

/** Debian/Ubuntu packages, checked when the npm font is missing: fonts-wqy-microhei, fonts-noto-cjk. */
const SYSTEM_FONTS: MemoFont[] = [
  {
    regular: { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
    source: 'fonts-wqy-microhei',
  },
  {
    regular: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
    bold: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', family: 'NotoSansCJKsc-Bold' },
    source: 'fonts-noto-cjk',
  },
];

const FONT_HELP =
  'install the Debian package fonts-wqy-microhei (apt-get install fonts-wqy-microhei), ' +
  'or set MEMO_FONT_PATH to a TrueType/OpenType font with Simplified Chinese (for a .ttc collection add #PostScriptName, ' +
  'e.g. /usr/share/fonts/truetype/wqy/wqy-microhei.ttc#WenQuanYiMicroHei), then restart the server';

const fontMissing = (why: string) =>
  new DomainError('internal', `Cannot print the service memo: ${why}. An administrator must ${FONT_HELP}.`, {
    extra: { reason: 'memo_font_missing' },
  });

/** `path` or `path#PostScriptName`; a path that exists as written wins over the `#` split. */
function parseFontSpec(spec: string): MemoFontFile {
  const hash = spec.lastIndexOf('#');
  if (existsSync(spec) || hash < 0) return { path: spec };
  return { path: spec.slice(0, hash), family: spec.slice(hash + 1) };
}

function packageFont(): MemoFont | null {
  try {
    const require = createRequire(import.meta.url);
    const root = require.resolve(`${NPM_FONT_PACKAGE}/package.json`).replace(/package\.json$/, '');
    const regular = `${root}${NPM_FONT_FILES.regular}`;
    const bold = `${root}${NPM_FONT_FILES.bold}`;
    if (!existsSync(regular)) return null;
    return { regular: { path: regular }, ...(existsSync(bold) ? { bold: { path: bold } } : {}), source: NPM_FONT_PACKAGE };
  } catch {
    return null;
  }
}

/**
 * The CJK font memos are printed with, first found of: `MEMO_FONT_PATH` (an explicit setting that
 * must exist), Noto Sans SC from npm, WenQuanYi Micro Hei, Noto Sans CJK. `null` when none is there.
 */
export function findMemoFont(env: NodeJS.ProcessEnv = process.env): MemoFont | null {
  const configured = env.MEMO_FONT_PATH?.trim();
  if (configured) {
    const file = parseFontSpec(configured);
    if (!existsSync(file.path)) throw fontMissing(`MEMO_FONT_PATH is ${configured}, but ${file.path} does not exist`);
    if (!file.family && /\.(ttc|otc)$/i.test(file.path)) {
      throw fontMissing(
        `MEMO_FONT_PATH ${file.path} is a font collection and names no face (\`fc-scan --format "%{postscriptname}\\n" ${file.path}\` lists them)`,
      );
    }
    return { regular: file, source: 'MEMO_FONT_PATH' };
  }
  return packageFont() ?? SYSTEM_FONTS.find((f) => existsSync(f.regular.path)) ?? null;
}

interface Labels {
  title: string;
  /** Under the title when the unit is in warranty. */
  warrantySubtitle: string;
  memoNumber: string;
  caseNumber: string;
  plannedArrival: string;
  arrivedAt: string;
  departedAt: string;
  engineers: string;
  listSeparator: string;
  customerAndUnit: string;
  customer: string;
  address: string;
  contactName: string;
  contactPhone: string;
  model: string;
  unitName: string;
  serial: string;
  warranty: string;
  warrantyIn: string;
  warrantyOut: string;
  problem: string;
  workDone: string;
  parts: string;
  lineNo: string;
  partNo: string;
  partName: string;
  quantity: string;
  serialOut: string;
  serialIn: string;
  noParts: string;
  hoursAndCharges: string;
  charges: string;
  labourHours: string;
  travelHours: string;
  hours: (n: string) => string;
  chargeItem: string;
  amount: string;
  total: string;
  noCharges: string;
  comment: string;
  noComment: string;
  satisfaction: string;
  /** From 5 (very satisfied) down to 1. */
  satisfactionLevels: [string, string, string, string, string];
  signatureSection: string;
  confirmation: string;
  signedBy: (name: string, at: string) => string;
  signHere: string;
  signDate: string;
  page: (n: number, of: number) => string;
}

const LABELS: Record<MemoLocale, Labels> = {
  'zh-CN': {
    title: '服务备忘录',
    warrantySubtitle: '三包服务登记单',
    memoNumber: '备忘录编号',
    caseNumber: '案件编号',
    plannedArrival: '计划到达',
    arrivedAt: '到达现场',
    departedAt: '离开现场',
    engineers: '服务工程师',
    listSeparator: '、',
    customerAndUnit: '客户与设备',
    customer: '客户名称',
    address: '地址',
    contactName: '联系人',
    contactPhone: '联系电话',
    model: '设备型号',
    unitName: '设备名称',
    serial: '出厂编号',
    warranty: '保修状态',
    warrantyIn: '保修期内（三包）',
    warrantyOut: '保修期外',
    problem: '故障现象（客户反映）',
    workDone: '处理过程与结果',
    parts: '更换零部件',
    lineNo: '序号',
    partNo: '零件号',
    partName: '名称',
    quantity: '数量',
    serialOut: '拆下件序列号',
    serialIn: '装上件序列号',
    noParts: '本次服务未更换零部件。',
    hoursAndCharges: '工时与费用',
    charges: '费用',
    labourHours: '维修工时',
    travelHours: '路途工时',
    hours: (n) => `${n} 小时`,
    chargeItem: '收费项目',
    amount: '金额（元）',
    total: '合计',
    noCharges: '本次服务不收费（三包服务）',
    comment: '客户意见',
    noComment: '（无）',
    satisfaction: '满意度',
    satisfactionLevels: ['非常满意', '满意', '一般', '不满意', '非常不满意'],
    signatureSection: '客户签字确认',
    confirmation: '以上服务内容属实，本人确认。',
    signedBy: (name, at) => `签字：${name}　　时间：${at}`,
    signHere: '签字',
    signDate: '日期',
    page: (n, of) => `第 ${n} 页，共 ${of} 页`,
  },
  'en-US': {
    title: 'Service memo',
    warrantySubtitle: 'Warranty service record',
    memoNumber: 'Memo number',
    caseNumber: 'Case number',
    plannedArrival: 'Planned arrival',
    arrivedAt: 'Arrived on site',
    departedAt: 'Left site',
    engineers: 'Service engineers',
    listSeparator: ', ',
    customerAndUnit: 'Customer and unit',
    customer: 'Customer',
    address: 'Address',
    contactName: 'Contact',
    contactPhone: 'Phone',
    model: 'Model',
    unitName: 'Unit',
    serial: 'Serial number',
    warranty: 'Warranty',
    warrantyIn: 'In warranty',
    warrantyOut: 'Out of warranty',
    problem: 'Reported problem',
    workDone: 'Work done',
    parts: 'Parts used',
    lineNo: 'No.',
    partNo: 'Part number',
    partName: 'Name',
    quantity: 'Qty',
    serialOut: 'Serial removed',
    serialIn: 'Serial fitted',
    noParts: 'No parts were replaced.',
    hoursAndCharges: 'Hours and charges',
    charges: 'Charges',
    labourHours: 'Labour',
    travelHours: 'Travel',
    hours: (n) => `${n} h`,
    chargeItem: 'Item',
    amount: 'Amount (CNY)',
    total: 'Total',
    noCharges: 'No charge (warranty service)',
    comment: 'Customer comment',
    noComment: '(none)',
    satisfaction: 'Satisfaction',
    satisfactionLevels: ['Very satisfied', 'Satisfied', 'Neutral', 'Dissatisfied', 'Very dissatisfied'],
    signatureSection: 'Customer confirmation',
    confirmation: 'I confirm that the service described above was carried out.',
    signedBy: (name, at) => `Signed by ${name} at ${at}`,
    signHere: 'Signature',
    signDate: 'Date',
    page: (n, of) => `Page ${n} of ${of}`,
  },
};

// A4 in points; the footer sits in the bottom margin.
const MARGIN = { top: 42, bottom: 56, left: 50, right: 50 };
const FOOTER_OFFSET = 32;
const LINE_GAP = 2;
const CELL_PAD = 4.5;
const MIN_ROW = 20;
/** A table cell never grows past this; longer text is cut with an ellipsis. */
const MAX_CELL = 240;
const SIGNATURE_BOX = { width: 280, height: 84 };
/** The customer's part (comment, satisfaction, signature) moves to a new page whole when at most this tall. */
const KEEP_CUSTOMER_PART = 360;
const SATISFACTION_HEIGHT = 20;
const TEXT = '#1f1f1f';
const MUTED = '#666666';
const RULE = '#9a9a9a';
const LABEL_FILL = '#f0f0f0';
const SIZE = { title: 18, subtitle: 9.5, company: 10.5, heading: 11, body: 9.5, cell: 9, small: 8 };

interface Cell {
  text: string;
  /** A label or header cell: shaded, muted. */
  label?: boolean;
  bold?: boolean;
  span?: number;
  align?: 'left' | 'center' | 'right';
}

type Doc = PDFKit.PDFDocument;

/** No control characters but line feeds, no bidirectional controls (pdfkit lays text out left to right); CR LF → LF. */
const clean = (s: string | undefined) =>
  stripBidiControls(s ?? '')
    .replace(/\r\n?/g, '\n')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ')
    .trim();
/** Header fields on one line. */
const flat = (s: string | undefined) => clean(s).replace(/\s+/g, ' ');

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

/** Lays the memo out top to bottom, adding pages as content runs past the bottom margin. */
class MemoWriter {
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
