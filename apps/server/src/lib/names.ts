import { stripBidiControls } from '@closeloop/domain';

/**
 * Characters a displayed file name never needs: C0 and C1 controls, DEL, line and paragraph
 * separators, the byte-order mark. Bidirectional controls go through `stripBidiControls`.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;

/**
 * A person's file name (Chinese included, byte for byte) without path parts, control characters
 * or bidirectional controls — `evil\u202Egnp.txt` would otherwise display as `eviltxt.png`. Used
 * on upload and again whenever a stored name is shown (rows stored before this rule).
 */
export function cleanFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = Array.from(stripBidiControls(base).replace(INVISIBLE, '')).slice(0, 200).join('').trim();
  return cleaned || 'file';
}
