import { describe, expect, it } from 'vitest';
import { requiredText } from './schemas.ts';
import { stripBidiControls, stripDirectionalFormatting } from './text.ts';

describe('bidirectional controls', () => {
  it('strips overrides, embeddings and isolates from free text, keeping the marks and Chinese', () => {
    expect(stripDirectionalFormatting('退款 \u202E000,05¥ \u2067x\u2069 \u200F')).toBe('退款 000,05¥ x \u200F');
    expect(requiredText(50).parse(' \u202E封口机\u202C ')).toBe('封口机');
    expect(requiredText(50).safeParse('\u202E').success).toBe(false);
  });

  it('strips every bidi control, marks included, for file names', () => {
    expect(stripBidiControls('evil\u202Egnp.txt')).toBe('evilgnp.txt');
    expect(stripBidiControls('a\u200E\u200F\u061Cb')).toBe('ab');
    expect(stripBidiControls('测试照片.png')).toBe('测试照片.png');
  });
});
