import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findMemoFont } from '../src/features/dispositions/memo/fonts.ts';
import { renderServiceMemo } from '../src/features/dispositions/memo/pdf.ts';
import type { ServiceMemo } from '../src/features/dispositions/memo/types.ts';
import { DomainError } from '../src/lib/errors.ts';
import { signaturePng } from '../src/testing/png.ts';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

/** The objects of a PDF as pdfkit writes it (no object streams), streams inflated. */
function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const at = body.indexOf('stream\n');
    if (at < 0) {
      objects.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    let stream = pdf.subarray(start + at + 'stream\n'.length, start + at + 'stream\n'.length + length);
    if (dict.includes('/FlateDecode')) stream = inflateSync(stream);
    objects.set(Number(m[1]), { dict, stream });
  }
  return objects;
}

/** glyph id → text, from a ToUnicode CMap as pdfkit writes it (bfrange arrays). */
function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const range of cmap.matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/gi)) {
    let gid = Number.parseInt(range[1]!, 16);
    for (const entry of range[2]!.matchAll(/<([0-9a-f ]+)>/gi)) {
      const units = entry[1]!.split(' ').map((h) => Number.parseInt(h, 16));
      map.set(gid++, String.fromCharCode(...units));
    }
  }
  return map;
}

interface PdfFacts {
  pages: number;
  count: number;
  images: number;
  embeddedFonts: number;
  cmaps: string[];
  /** Per page, in order: text lines decoded through the fonts' ToUnicode CMaps (embedded fonts only). */
  pageLines: string[][];
  lines: string[];
}

function inspect(pdf: Buffer): PdfFacts {
  const objects = pdfObjects(pdf);
  const all = [...objects.values()];
  const fontRefs = new Map<string, number>();
  for (const o of all) for (const m of o.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) fontRefs.set(m[1]!, Number(m[2]));
  const cmapOf = (fontName: string) => {
    const font = objects.get(fontRefs.get(fontName) ?? -1);
    const ref = font && /\/ToUnicode (\d+) 0 R/.exec(font.dict)?.[1];
    const stream = ref ? objects.get(Number(ref))?.stream : undefined;
    return stream ? parseCmap(stream.toString('latin1')) : undefined;
  };
  const textLines = (content: string) => {
    const lines: string[] = [];
    let cmap: Map<number, string> | undefined;
    for (const block of content.split(/\bBT\b/).slice(1)) {
      const body = block.split(/\bET\b/)[0]!;
      let line = '';
      for (const op of body.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
        if (op[1]) cmap = cmapOf(op[1]);
        else if (cmap) {
          for (const hex of op[2]!.matchAll(/<([0-9a-f]*)>/gi)) {
            for (let i = 0; i < hex[1]!.length; i += 4) line += cmap.get(Number.parseInt(hex[1]!.slice(i, i + 4), 16)) ?? '?';
          }
        }
      }
      if (line) lines.push(line);
    }
    return lines;
  };
  const pagesDict = all.find((o) => /\/Type \/Pages\b/.test(o.dict))?.dict ?? '';
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pagesDict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  const pageLines = kids.map((id) => {
    const contents = /\/Contents (\d+) 0 R/.exec(objects.get(id)?.dict ?? '')?.[1];
    return textLines(objects.get(Number(contents))?.stream?.toString('latin1') ?? '');
  });
  const text = pdf.toString('latin1');
  return {
    pages: text.match(/\/Type \/Page\b(?!s)/g)?.length ?? 0,
    count: Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(text)?.[1] ?? Number.NaN),
    images: all.filter((o) => /\/Subtype \/Image/.test(o.dict)).length,
    embeddedFonts: all.filter((o) => /\/FontFile[23] \d+ 0 R/.test(o.dict)).length,
    cmaps: all.filter((o) => o.stream?.includes('begincmap')).map((o) => o.stream!.toString('latin1')),
    pageLines,
    lines: pageLines.flat(),
  };
}

const at = (iso: string) => new Date(iso);

const chineseMemo: ServiceMemo = {
  companyName: '杭州恒力机械制造有限公司',
  memoNumber: 'SV-2611-0007',
  caseNumber: '2611-0042',
  customer: {
    name: '宁波东方包装材料有限公司',
    address: '浙江省宁波市北仑区新碶街道明州路 188 号 3 号车间',
    contactName: '王建国（设备科）',
    contactPhone: '138 5742 6601',
  },
  unit: { model: 'HL-FP450', name: '全自动封口机', serial: 'HL450-2403-0158', warrantyStatus: 'in' },
  engineers: ['李明', '陈晓东'],
  plannedArrival: at('2026-11-23T01:00:00Z'),
  arrivedAt: at('2026-11-23T01:30:00Z'),
  departedAt: at('2026-11-23T08:45:00Z'),
  problem:
    '客户反映：设备连续运行约两小时后，封口温度波动超过 ±15 ℃，封口处出现虚封和起皱，同时主电机有间歇性异响，触摸屏偶尔报“E-23 温控回路异常”。',
  workDone:
    '到达现场后先与设备科王工确认故障现象，调取触摸屏报警记录：近七天共出现 E-23 报警 36 次，均发生在开机两小时以后。' +
    '检查加热管及热电偶：2 号热电偶补偿导线在拖链出口处绝缘层磨损，运动时间歇接地，导致温度采样跳变。' +
    '更换 2 号热电偶及补偿导线，重新固定拖链出口并加装护套；检查主电机，发现联轴器弹性垫老化开裂，予以更换。' +
    '调整 PID 参数（P=12，I=180，D=30）后空载试运行 30 分钟、带料试运行 3 小时，温度波动在 ±2 ℃ 以内，封口质量合格，无异响，未再出现报警。' +
    '已向客户操作人员讲解日常点检要点：每班检查拖链出口处导线磨损情况，每月检查联轴器。',
  partsUsed: [
    { partNo: 'TC-K-0450', name: 'K 型热电偶（带 2 米补偿导线）', quantity: 1, serialOut: 'TC2403-1187', serialIn: 'TC2610-0932' },
    { partNo: 'CP-JAW-28', name: '梅花联轴器弹性垫 28 mm', quantity: 2 },
    { name: '耐高温波纹护套 AD15.8', quantity: 1.5 },
  ],
  labourHours: 5.5,
  travelHours: 3,
  charges: [],
  customerComment: '工程师响应及时，处理认真，问题已解决。希望下次保养时一并检查其它热电偶。',
  satisfaction: 5,
  signature: { png: signaturePng(), signedBy: '王建国', signedAt: at('2026-11-23T08:40:00Z') },
};

const englishMemo: ServiceMemo = {
  companyName: 'Hengli Machinery Co., Ltd.',
  memoNumber: 'SV-2611-0008',
  caseNumber: '2611-0051',
  customer: { name: 'Dongfang Packaging Materials', address: '188 Mingzhou Road, Beilun, Ningbo', contactName: 'Wang Jianguo' },
  unit: { model: 'HL-FP450', serial: 'HL450-2403-0159', warrantyStatus: 'out' },
  engineers: ['Li Ming'],
  plannedArrival: at('2026-11-24T06:00:00Z'),
  problem: 'Seal jaws do not close fully on the left side.',
  workDone: 'Adjusted the left jaw cylinder stroke and replaced the worn guide bush. Test run of 1 hour without faults.',
  partsUsed: [{ partNo: 'GB-20-35', name: 'Guide bush 20x35', quantity: 2, serialOut: '', serialIn: '' }],
  labourHours: 2,
  travelHours: 1.5,
  charges: [
    { label: 'Labour, 2 h at 300.00', amount: 600 },
    { label: 'Travel', amount: 250.5 },
    { label: 'Guide bush 20x35 (2 pcs)', amount: 86.4 },
  ],
};

const longWork = Array.from(
  { length: 60 },
  (_, i) =>
    `第 ${i + 1} 步：拆下防护罩，检查传动链条、同步带与轴承磨损情况，清理积尘并按规定加注润滑脂，记录振动值与电流值，确认无异常后复装。`,
).join('');

const sampleDir = process.env.MEMO_SAMPLE_DIR;

describe('service memo PDF', () => {
  it('finds Noto Sans SC from the npm package when nothing else is configured', () => {
    const font = findMemoFont({});
    expect(font?.source).toBe('@expo-google-fonts/noto-sans-sc');
    expect(font?.regular.path).toMatch(/NotoSansSC_400Regular\.ttf$/);
    expect(font?.bold?.path).toMatch(/NotoSansSC_700Bold\.ttf$/);
  });

  it('renders a signed Chinese memo: font embedded, Chinese text, signature image, dates in Beijing time', async () => {
    const pdf = await renderServiceMemo(chineseMemo, 'zh-CN');
    if (sampleDir) writeFileSync(join(sampleDir, 'memo-zh.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const facts = inspect(pdf);
    expect(facts.pages).toBeGreaterThanOrEqual(1);
    expect(facts.count).toBe(facts.pages);
    expect(facts.images).toBeGreaterThanOrEqual(1);
    expect(facts.embeddedFonts).toBeGreaterThanOrEqual(1);
    // 服 is U+670D: some font's ToUnicode CMap maps a glyph to it.
    expect(facts.cmaps.some((c) => /<670d>/i.test(c))).toBe(true);
    const text = facts.lines.join('\n');
    expect(text).toContain('服务备忘录');
    expect(text).toContain('三包服务登记单');
    expect(text).toContain('SV-2611-0007');
    expect(text).toContain('宁波东方包装材料有限公司');
    expect(text).toContain('2026-11-23 09:30 (UTC+8)'); // arrived 01:30 UTC
    expect(text).toContain('签字：王建国');
    expect(text).toContain('2026-11-23 16:40 (UTC+8)'); // signed 08:40 UTC
    expect(text).toContain('李明、陈晓东');
    expect(text).toContain('本次服务不收费（三包服务）');
    expect(text).toContain(`第 1 页，共 ${facts.pages} 页`);
    expect(text).not.toContain('?');
  });

  it('renders an unsigned English memo: no image, charges with their total, the customer part kept on one page', async () => {
    const pdf = await renderServiceMemo(englishMemo, 'en-US', { timeZone: 'Europe/Berlin' });
    if (sampleDir) writeFileSync(join(sampleDir, 'memo-en.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const facts = inspect(pdf);
    expect(facts.pages).toBe(2);
    expect(facts.count).toBe(2);
    expect(facts.images).toBe(0);
    expect(pdf.toString('latin1')).not.toMatch(/\/Subtype \/Image/);
    expect(facts.embeddedFonts).toBeGreaterThanOrEqual(1);
    expect(facts.cmaps.some((c) => /<670d>/i.test(c))).toBe(false);
    const [first, last] = [facts.pageLines[0]!.join('\n'), facts.pageLines[1]!.join('\n')];
    expect(first).toContain('Service memo');
    expect(first).toContain('Out of warranty');
    expect(first).toContain('2026-11-24 07:00 (UTC+1)');
    expect(first).toContain('936.90'); // 600 + 250.50 + 86.40
    expect(first).toContain('Page 1 of 2');
    // Comment, satisfaction and the signature box move to the next page together.
    for (const line of ['Customer comment', 'Satisfaction:', 'Very satisfied', 'Customer confirmation', 'Signature', 'Page 2 of 2']) {
      expect(last).toContain(line);
    }
    expect(facts.lines.join('\n')).not.toContain('Signed by');
  });

  it('continues long work and long parts lists on further pages, numbering every page', async () => {
    const parts = Array.from({ length: 40 }, (_, i) => ({ partNo: `P-${1000 + i}`, name: `轴承 620${i % 10}-2RS`, quantity: 1 }));
    const pdf = await renderServiceMemo({ ...chineseMemo, workDone: longWork, partsUsed: parts }, 'zh-CN');
    const facts = inspect(pdf);
    expect(facts.pages).toBeGreaterThanOrEqual(3);
    expect(facts.count).toBe(facts.pages);
    const text = facts.lines.join('\n');
    for (let n = 1; n <= facts.pages; n++) expect(text).toContain(`第 ${n} 页，共 ${facts.pages} 页`);
    expect(text).toContain('第 60 步');
    expect(text).toContain('P-1039');
    // The parts header is repeated on the page the table continues on.
    expect(facts.lines.filter((l) => l === '拆下件序列号').length).toBeGreaterThanOrEqual(2);
    const longOnly = inspect(await renderServiceMemo({ ...chineseMemo, workDone: longWork }, 'zh-CN'));
    expect(longOnly.pages).toBeGreaterThanOrEqual(2);
  });

  it('renders English without any CJK font and refuses Chinese with instructions for the administrator', async () => {
    const short = { ...englishMemo, partsUsed: [], charges: [] };
    const pdf = await renderServiceMemo(short, 'en-US', { font: null });
    const plain = inspect(pdf);
    expect(plain.pages).toBe(1);
    expect(plain.embeddedFonts).toBe(0);
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/Helvetica\b/);

    const zh = renderServiceMemo(chineseMemo, 'zh-CN', { font: null });
    await expect(zh).rejects.toBeInstanceOf(DomainError);
    await expect(zh).rejects.toThrow(/fonts-wqy-microhei.*MEMO_FONT_PATH/);
    const mixed = renderServiceMemo({ ...short, customer: { name: '宁波东方包装' } }, 'en-US', { font: null });
    await expect(mixed).rejects.toThrow(/fonts-wqy-microhei/);
  });

  it('takes MEMO_FONT_PATH first, with a PostScript name for collections, and fails loudly when it is wrong', async () => {
    expect(() => findMemoFont({ MEMO_FONT_PATH: '/nowhere/font.ttf' })).toThrow(/MEMO_FONT_PATH.*does not exist/);
    const wqy = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
    if (!existsSync(wqy)) return;
    expect(() => findMemoFont({ MEMO_FONT_PATH: wqy })).toThrow(/font collection and names no face/);
    const font = findMemoFont({ MEMO_FONT_PATH: `${wqy}#WenQuanYiMicroHei` });
    expect(font).toEqual({ regular: { path: wqy, family: 'WenQuanYiMicroHei' }, source: 'MEMO_FONT_PATH' });
    const facts = inspect(await renderServiceMemo(chineseMemo, 'zh-CN', { font }));
    expect(facts.cmaps.some((c) => /<670d>/i.test(c))).toBe(true);
    expect(facts.lines.join('\n')).toContain('服务备忘录');
    const wrongFace = renderServiceMemo(chineseMemo, 'zh-CN', { font: { regular: { path: wqy, family: 'NoSuchFace' }, source: 'test' } });
    await expect(wrongFace).rejects.toThrow(/cannot be used/);
  });

  it('refuses to draw a signature larger than a signature pad makes, before decoding it', async () => {
    const huge = signaturePng(300, 100);
    huge.writeUInt32BE(8000, 16);
    huge.writeUInt32BE(8000, 20);
    huge.writeUInt32BE(crc32(huge.subarray(12, 29)), 29);
    const bomb = { ...chineseMemo, signature: { ...chineseMemo.signature!, png: huge } };
    await expect(renderServiceMemo(bomb, 'zh-CN')).rejects.toMatchObject({
      code: 'validation_failed',
      details: { errors: [{ field: 'signature.png', code: 'image_too_large' }] },
    });
  });

  it('rejects a signature that is not a PNG and a satisfaction outside 1–5', async () => {
    const notPng = { ...chineseMemo, signature: { ...chineseMemo.signature!, png: Buffer.from('GIF89a……') } };
    await expect(renderServiceMemo(notPng, 'zh-CN')).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(renderServiceMemo({ ...englishMemo, satisfaction: 7 }, 'en-US')).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
