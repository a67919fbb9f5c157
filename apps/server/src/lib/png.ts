import { promisify } from 'node:util';
import { crc32, inflate } from 'node:zlib';
import { invalidField } from './errors.ts';

/**
 * PNG checks done before an image is stored or drawn: a small file can announce an enormous
 * canvas (an 8000×8000 PNG of empty rows is under 1 KB), and whoever decodes it pays for every
 * pixel. We read the header and walk the chunks ourselves — no pixels are decoded — and inflate
 * the image data only up to the size the header announces.
 */

const MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngHeader {
  width: number;
  height: number;
  /** Bits per sample (1, 2, 4, 8 or 16). */
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  colourType: number;
  /** Adam7 interlacing. */
  interlaced: boolean;
}

export interface PngLimits {
  maxWidth: number;
  maxHeight: number;
  maxPixels: number;
}

/**
 * A signature pad is as wide as the screen at the screen's pixel density: a tablet in landscape
 * (1280 CSS px at 2×) gives 2560×360, a wide desktop window at 2× up to ~3800 px. 4 MP bounds the
 * decoded image to 16 MB (RGBA, 8 bits) however the file was made.
 */
export const SIGNATURE_PNG_LIMITS: PngLimits = { maxWidth: 4096, maxHeight: 2048, maxPixels: 4_000_000 };

export type PngProblemReason = 'not_png' | 'truncated' | 'malformed' | 'too_large';

export class PngProblem extends Error {
  constructor(
    readonly reason: PngProblemReason,
    message: string,
  ) {
    super(message);
    this.name = 'PngProblem';
  }
}

/** Bit depths allowed per colour type (PNG spec, table 11.1). */
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

interface Chunk {
  type: string;
  data: Buffer;
}

/** The chunks in order; every length and CRC checked, ending at IEND. */
function chunksOf(png: Buffer): Chunk[] {
  if (png.length < MAGIC.length || !png.subarray(0, MAGIC.length).equals(MAGIC)) throw new PngProblem('not_png', 'is not a PNG image');
  const chunks: Chunk[] = [];
  let at = MAGIC.length;
  for (;;) {
    if (at + 8 > png.length) throw new PngProblem('truncated', 'is cut short (no IEND chunk)');
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) throw new PngProblem('malformed', `has a broken chunk at byte ${at}`);
    const end = at + 8 + length + 4;
    if (end > png.length) throw new PngProblem('truncated', `is cut short inside the ${type} chunk`);
    if (crc32(png.subarray(at + 4, at + 8 + length)) !== png.readUInt32BE(at + 8 + length)) {
      throw new PngProblem('malformed', `has a wrong checksum in the ${type} chunk`);
    }
    chunks.push({ type, data: png.subarray(at + 8, at + 8 + length) });
    at = end;
    if (type === 'IEND') return chunks;
  }
}

function parseIhdr(chunk: Chunk | undefined): PngHeader {
  if (chunk?.type !== 'IHDR' || chunk.data.length !== 13) throw new PngProblem('malformed', 'does not start with an IHDR chunk');
  const d = chunk.data;
  const header = {
    width: d.readUInt32BE(0),
    height: d.readUInt32BE(4),
    bitDepth: d[8] ?? 0,
    colourType: d[9] ?? 0,
    interlaced: d[12] === 1,
  };
  if (header.width === 0 || header.height === 0 || header.width > 0x7fffffff || header.height > 0x7fffffff) {
    throw new PngProblem('malformed', `has an impossible size ${header.width}×${header.height}`);
  }
  if (!DEPTHS[header.colourType]?.includes(header.bitDepth)) {
    throw new PngProblem('malformed', `has colour type ${header.colourType} with bit depth ${header.bitDepth}`);
  }
  if (d[10] !== 0 || d[11] !== 0 || (d[12] !== 0 && d[12] !== 1))
    throw new PngProblem('malformed', 'uses an unknown compression, filter or interlace method');
  return header;
}

/** Width, height, bit depth, colour type and interlacing from the IHDR chunk, without reading further. */
export function readPngHeader(png: Buffer): PngHeader {
  if (png.length < MAGIC.length || !png.subarray(0, MAGIC.length).equals(MAGIC)) throw new PngProblem('not_png', 'is not a PNG image');
  if (png.length < MAGIC.length + 8 + 13 + 4) throw new PngProblem('truncated', 'is cut short inside its header');
  const length = png.readUInt32BE(8);
  return parseIhdr({ type: png.subarray(12, 16).toString('latin1'), data: png.subarray(16, 16 + Math.min(length, 13)) });
}

/** Bytes of filtered scanlines the image data must inflate to (each row: a filter byte + samples). */
export function inflatedSize(h: PngHeader): number {
  const bitsPerPixel = (CHANNELS[h.colourType] ?? 4) * h.bitDepth;
  const rows = (width: number, height: number) => (width > 0 && height > 0 ? height * (1 + Math.ceil((width * bitsPerPixel) / 8)) : 0);
  if (!h.interlaced) return rows(h.width, h.height);
  const passes = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ] as const;
  return passes.reduce((sum, [x0, y0, dx, dy]) => sum + rows(Math.ceil((h.width - x0) / dx), Math.ceil((h.height - y0) / dy)), 0);
}

const inflateAsync = promisify(inflate);

/**
 * The whole file checked without decoding a pixel: signature, chunk lengths and CRCs, IHDR, size
 * within `limits`, and the image data inflating (off the main thread, bounded) to exactly the
 * size the header announces. Throws `PngProblem`.
 */
export async function checkPng(png: Buffer, limits: PngLimits): Promise<PngHeader> {
  const header = readPngHeader(png);
  const { width, height } = header;
  if (width > limits.maxWidth || height > limits.maxHeight || width * height > limits.maxPixels) {
    throw new PngProblem(
      'too_large',
      `is ${width}×${height} pixels; at most ${limits.maxWidth}×${limits.maxHeight} and ${(limits.maxPixels / 1e6).toLocaleString('en')} megapixels`,
    );
  }
  const chunks = chunksOf(png);
  parseIhdr(chunks[0]);
  const idat = chunks.filter((c) => c.type === 'IDAT').map((c) => c.data);
  if (idat.length === 0) throw new PngProblem('truncated', 'has no image data (IDAT)');
  if (header.colourType === 3 && !chunks.some((c) => c.type === 'PLTE'))
    throw new PngProblem('malformed', 'has a palette colour type but no palette');
  const expected = inflatedSize(header);
  let inflated: Buffer;
  try {
    inflated = await inflateAsync(Buffer.concat(idat), { maxOutputLength: expected });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new PngProblem('malformed', `has more image data than its ${width}×${height} pixels need`);
    if (code === 'Z_BUF_ERROR') throw new PngProblem('truncated', 'has image data that ends early');
    throw new PngProblem('malformed', `has image data that cannot be inflated (${(error as Error).message})`);
  }
  if (inflated.length < expected) throw new PngProblem('truncated', `has image data for fewer than its ${width}×${height} pixels`);
  return header;
}

/** `checkPng` for a request field: a 400 problem naming `field`. */
export async function ensurePng(png: Buffer, field: string, limits: PngLimits): Promise<PngHeader> {
  try {
    return await checkPng(png, limits);
  } catch (error) {
    if (error instanceof PngProblem) throw invalidField(field, error.message, error.reason === 'too_large' ? 'image_too_large' : 'not_png');
    throw error;
  }
}
