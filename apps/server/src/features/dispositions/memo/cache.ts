import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../../config.ts';

/**
 * Rendered memos kept on disk under DATA_DIR/cache/memos, one file per disposition, language and
 * content key (a hash of everything printed). A download whose content is unchanged is served
 * from here without rendering; a new rendering replaces the disposition's older ones in that
 * language, so the cache holds at most two files per service order. Only a cache: deleting the
 * folder is always safe, and each instance may keep its own.
 */
const dirOf = (config: Config) => path.join(config.dataDir, 'cache', 'memos');
const prefixOf = (dispositionId: string, locale: string) => `${dispositionId}.${locale}.`;

export function readCachedMemo(config: Config, dispositionId: string, locale: string, key: string): Buffer | undefined {
  try {
    return fs.readFileSync(path.join(dirOf(config), `${prefixOf(dispositionId, locale)}${key}.pdf`));
  } catch {
    return undefined;
  }
}

/** Best effort: a full disk or a read-only folder costs a render next time, never the download. */
export function writeCachedMemo(config: Config, dispositionId: string, locale: string, key: string, pdf: Buffer) {
  const dir = dirOf(config);
  const prefix = prefixOf(dispositionId, locale);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = path.join(dir, `.${randomUUID()}.tmp`);
    fs.writeFileSync(tmp, pdf, { mode: 0o600 });
    fs.renameSync(tmp, path.join(dir, `${prefix}${key}.pdf`));
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith(prefix) && name !== `${prefix}${key}.pdf`) fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // see above
  }
}
