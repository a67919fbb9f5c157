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
