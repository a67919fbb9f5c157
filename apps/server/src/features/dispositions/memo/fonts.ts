import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DomainError } from '../../../lib/errors.ts';
import type { MemoFont, MemoFontFile } from './types.ts';

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

export const fontMissing = (why: string) =>
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
