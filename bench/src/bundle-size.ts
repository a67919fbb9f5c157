/**
 * Bundle sizes per route of the built web app: the JavaScript a browser must load (entry chunk,
 * the route's lazy chunk, and everything they import statically), raw and gzipped.
 * Usage: npm run build -w @closeloop/web && node --import tsx bench/src/bundle-size.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const dist = path.resolve(import.meta.dirname, '../../apps/web/dist');
const manifestFile = path.join(dist, '.vite/manifest.json');
if (!fs.existsSync(manifestFile)) {
  console.error(`No ${manifestFile}: run npm run build -w @closeloop/web first.`);
  process.exit(1);
}
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;

const sizeOf = (file: string) => {
  const buf = fs.readFileSync(path.join(dist, file));
  return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
};

/** Files a chunk needs before it runs: itself and its static imports, transitively. */
function closure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const i of manifest[key]?.imports ?? []) closure(i, seen);
  return seen;
}

const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
if (!entryKey) throw new Error('no entry chunk in the manifest');
const entry = closure(entryKey);
const routes: Record<string, string> = {
  login: 'src/features/auth/LoginPage.tsx',
  workspace: 'src/features/workspace/WorkspacePage.tsx',
  'case list': 'src/features/cases/CaseListPage.tsx',
  intake: 'src/features/cases/IntakePage.tsx',
  'case detail': 'src/features/cases/CaseDetailPage.tsx',
  customers: 'src/features/customers/CustomerListPage.tsx',
  'customer detail': 'src/features/customers/CustomerDetailPage.tsx',
  products: 'src/features/customers/ProductListPage.tsx',
  settings: 'src/features/admin/SettingsPage.tsx',
};

const total = (keys: Set<string>) =>
  [...keys].reduce(
    (acc, k) => {
      const s = sizeOf(manifest[k]?.file ?? '');
      return { raw: acc.raw + s.raw, gzip: acc.gzip + s.gzip };
    },
    { raw: 0, gzip: 0 },
  );
const kb = (n: number) => (n / 1024).toFixed(1);

const rows: { route: string; rawKB: string; gzipKB: string }[] = [];
const entrySize = total(entry);
rows.push({ route: 'entry (shell, router, antd core, i18n)', rawKB: kb(entrySize.raw), gzipKB: kb(entrySize.gzip) });
for (const [name, src] of Object.entries(routes)) {
  if (!manifest[src]) continue;
  const needed = closure(src, new Set(entry));
  rows.push({ route: name, rawKB: kb(total(needed).raw), gzipKB: kb(total(needed).gzip) });
}
const firstVisit = new Set([...closure(routes.login as string, new Set(entry)), ...closure(routes.workspace as string, new Set(entry))]);
const fv = total(firstVisit);
rows.push({ route: 'login + workspace (budget 400 KB gzip)', rawKB: kb(fv.raw), gzipKB: kb(fv.gzip) });

// What the workspace loads right after its first view (its lazy tables), for an honest total.
const deferred = new Set(firstVisit);
for (const d of manifest[routes.workspace as string]?.dynamicImports ?? []) closure(d, deferred);
const all = total(deferred);
rows.push({ route: 'login + workspace incl. deferred tables', rawKB: kb(all.raw), gzipKB: kb(all.gzip) });

console.table(rows);
const out = path.resolve(import.meta.dirname, '../results');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'bundle-size.json'), JSON.stringify({ date: new Date().toISOString(), routes: rows }, null, 2));
console.log(JSON.stringify({ loginPlusWorkspaceGzipKB: Number(kb(fv.gzip)), withinBudget: fv.gzip <= 400 * 1024 }));
