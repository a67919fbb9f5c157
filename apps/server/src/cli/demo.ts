import { CASE_STATUSES, CASE_TYPES } from '@closeloop/domain';
import { bootstrap } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { CliError, exitOnHelp, openConfiguredDatabase, parseCommandLine, runCli } from './common.ts';
import { DemoDataPresentError, type DemoSummary, loadDemoData } from './demo-data.ts';

const USAGE = `Usage: npm run demo -- [--cases N] [--seed N] [--force]

Load sample data into the configured database (the embedded one in DATA_DIR, or DATABASE_URL):
staff users sharing one printed password, customers in China and abroad, products, installed units,
and about 300 cases over the past twelve months in every type and status, with their history.
Stop Closeloop first when it uses the embedded database.
  --cases N   number of cases (default 300)
  --seed N    another seed gives other data (default 2611)
  --force     load even though the database already holds cases`;

const wholeNumber = (name: string, value: string | undefined, fallback: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`--${name} must be a whole number, not "${value}".\n\n${USAGE}`);
  return n;
};

function table(summary: DemoSummary): string {
  const rows = (counts: Record<string, number>, keys: readonly string[]) =>
    keys.map((k) => `  ${k.padEnd(22)}${String(counts[k] ?? 0).padStart(5)}`);
  return [
    'Cases by status:',
    ...rows(summary.byStatus, CASE_STATUSES),
    'Cases by type:',
    ...rows(summary.byType, CASE_TYPES),
    `  ${'total'.padEnd(22)}${String(summary.cases).padStart(5)}`,
  ].join('\n');
}

async function main() {
  const { values } = parseCommandLine(USAGE, {
    cases: { type: 'string' },
    seed: { type: 'string' },
    force: { type: 'boolean' },
  });
  exitOnHelp(values, USAGE);
  const cases = wholeNumber('cases', values.cases, 300);
  const seed = wholeNumber('seed', values.seed, 2611);
  const config = loadConfig();
  const started = Date.now();
  const database = await openConfiguredDatabase(config);
  try {
    const first = await bootstrap({ db: database.db, config, now: () => new Date(), actor: undefined });
    const say = (line: string) => process.stdout.write(`${line}\n`);
    say(`Loading demo data into ${database.kind === 'embedded' ? `the embedded database in ${database.location}` : database.location} …`);
    const summary = await loadDemoData(
      { db: database.db, config },
      { cases, seed, force: values.force ?? false, onProgress: (l) => say(`  ${l}`) },
    ).catch((e: unknown) => {
      throw e instanceof DemoDataPresentError ? new CliError(e.message) : e;
    });
    const day = (d: Date) => d.toISOString().slice(0, 10);
    say('');
    say(table(summary));
    say('');
    say(
      `${summary.customers} customers, ${summary.products} products, ${summary.units} installed units; cases from ${day(summary.from)} to ${day(summary.to)}.`,
    );
    say(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    say('');
    say(`Sign in as any of these, password ${summary.password}:`);
    for (const u of summary.users) say(`  ${u.login.padEnd(12)} ${u.displayName}  (${u.role})`);
    if (first.adminCreated) {
      say(
        `  admin        the administrator: ${first.generatedPassword ? `password ${first.generatedPassword} (also in ${first.passwordFile})` : 'password from CLOSELOOP_ADMIN_PASSWORD'}`,
      );
    }
    say('');
  } finally {
    await database.close();
  }
}

runCli('demo', main);
