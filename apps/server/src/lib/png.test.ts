import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chunk, PNG_MAGIC, signaturePng } from '../testing/png.ts';
import { checkPng, PngProblem, readPngHeader, SIGNATURE_PNG_LIMITS } from './png.ts';

const MAGIC = PNG_MAGIC;

/** A PNG of `width`×`height` whose single IDAT inflates to `raw` (all-zero rows by default: a tiny file). */
function png(width: number, height: number, options: { bitDepth?: number; colourType?: number; interlace?: number; raw?: Buffer } = {}) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([options.bitDepth ?? 8, options.colourType ?? 6, 0, 0, options.interlace ?? 0], 8);
  const raw = options.raw ?? Buffer.alloc(height * (1 + width * 4));
  return Buffer.concat([MAGIC, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const reasonOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    if (e instanceof PngProblem) return e.reason;
    throw e;
  }
};

describe('PNG header check', () => {
  it('reads width, height, bit depth, colour type and interlace from IHDR', () => {
    expect(readPngHeader(signaturePng(300, 100))).toEqual({ width: 300, height: 100, bitDepth: 8, colourType: 6, interlaced: false });
    expect(readPngHeader(png(7, 5, { colourType: 0, bitDepth: 1, interlace: 1, raw: Buffer.alloc(0) }))).toMatchObject({
      colourType: 0,
      bitDepth: 1,
      interlaced: true,
    });
  });

  it('accepts a signature pad image', async () => {
    expect(await reasonOf(checkPng(signaturePng(), SIGNATURE_PNG_LIMITS))).toBe('accepted');
    // A tablet in landscape at twice the pixel density: 1280×180 CSS px.
    expect(await reasonOf(checkPng(png(2560, 360), SIGNATURE_PNG_LIMITS))).toBe('accepted');
  });

  it('refuses the 8000×8000 "image bomb" from its header alone, though the file is tiny', async () => {
    const bomb = png(8000, 8000, { raw: Buffer.alloc(0) });
    expect(bomb.length).toBeLessThan(1000);
    await expect(checkPng(bomb, SIGNATURE_PNG_LIMITS)).rejects.toMatchObject({
      reason: 'too_large',
      message: expect.stringContaining('8000×8000'),
    });
    expect(await reasonOf(checkPng(png(5000, 10), SIGNATURE_PNG_LIMITS))).toBe('too_large');
    expect(await reasonOf(checkPng(png(2048, 2048, { raw: Buffer.alloc(0) }), SIGNATURE_PNG_LIMITS))).toBe('too_large');
  });

  it('refuses pixel data that inflates beyond what the header announces (a zlib bomb)', async () => {
    const extra = png(100, 100, { raw: Buffer.alloc(100 * (1 + 400) + 50_000_000) });
    expect(extra.length).toBeLessThan(100_000);
    expect(await reasonOf(checkPng(extra, SIGNATURE_PNG_LIMITS))).toBe('malformed');
    expect(await reasonOf(checkPng(png(100, 100, { raw: Buffer.alloc(100) }), SIGNATURE_PNG_LIMITS))).toBe('truncated');
  });

  it('knows the size of interlaced and low-bit-depth images', async () => {
    // A 1-bit 9×2 grey image: 2 rows of a filter byte + 2 bytes.
    expect(await reasonOf(checkPng(png(9, 2, { colourType: 0, bitDepth: 1, raw: Buffer.alloc(6) }), SIGNATURE_PNG_LIMITS))).toBe(
      'accepted',
    );
    // Adam7 on 3×3: pass 1 (1×1), 4 (1×1), 5 (2×1), 6 (1×2), 7 (3×1); passes 2 and 3 are empty.
    const interlacedBytes = 1 * 2 + 1 * 2 + 1 * 3 + 2 * 2 + 1 * 4;
    expect(
      await reasonOf(checkPng(png(3, 3, { colourType: 0, interlace: 1, raw: Buffer.alloc(interlacedBytes) }), SIGNATURE_PNG_LIMITS)),
    ).toBe('accepted');
  });

  it('refuses what is not a PNG, is cut short, or has a broken header', async () => {
    const good = signaturePng();
    expect(await reasonOf(checkPng(Buffer.from('GIF89a……'), SIGNATURE_PNG_LIMITS))).toBe('not_png');
    expect(await reasonOf(checkPng(good.subarray(0, 20), SIGNATURE_PNG_LIMITS))).toBe('truncated');
    expect(await reasonOf(checkPng(good.subarray(0, good.length - 12), SIGNATURE_PNG_LIMITS))).toBe('truncated');
    const badCrc = Buffer.from(good);
    badCrc[29] = (badCrc[29] ?? 0) ^ 0xff; // last byte of the IHDR CRC
    expect(await reasonOf(checkPng(badCrc, SIGNATURE_PNG_LIMITS))).toBe('malformed');
    expect(await reasonOf(checkPng(png(0, 10), SIGNATURE_PNG_LIMITS))).toBe('malformed');
    expect(await reasonOf(checkPng(png(10, 10, { colourType: 2, bitDepth: 4 }), SIGNATURE_PNG_LIMITS))).toBe('malformed');
    expect(await reasonOf(checkPng(png(10, 10, { interlace: 2 }), SIGNATURE_PNG_LIMITS))).toBe('malformed');
  });
});
