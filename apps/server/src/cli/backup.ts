import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import {
  attachmentsArchiveOf,
  CliError,
  countRows,
  exitOnHelp,
  fileStamp,
  lockForMaintenance,
  openPglite,
  parseCommandLine,
  pgdataOf,
  plural,
  runCli,
  userPath,
} from './common.ts';
import { writeTarGz } from './tar.ts';

const USAGE = `Usage: npm run db:backup -- [file.tar.gz]

Back up the embedded database (DATA_DIR/pgdata) and the attachments while Closeloop is stopped.
Writes two files, readable only by you:
  <file>.tar.gz               the database (default closeloop-backup-YYYYMMDD-HHmmss.tar.gz here)
  <file>.attachments.tar.gz   the attachment files (a plain tar.gz: tar -tzf lists it)
Restore both with: npm run db:restore -- <file>.tar.gz
With DATABASE_URL set, use PostgreSQL's pg_dump instead.`;

async function main() {
  const { values, positionals } = parseCommandLine(USAGE, {});
  exitOnHelp(values, USAGE);
  if (positionals.length > 1) throw new CliError(`Give at most one file name.\n\n${USAGE}`);
  const config = loadConfig();
  if (config.databaseUrl) {
    throw new CliError(
      [
        'DATABASE_URL is set: the data lives on a PostgreSQL server, which this command does not back up.',
        "Use PostgreSQL's own tools, which work while Closeloop runs:",
        '  pg_dump -Fc "$DATABASE_URL" > closeloop.dump',
        `and copy the attachments in ${config.attachmentsDir}, e.g.`,
        `  tar -czf closeloop-attachments.tar.gz -C "${config.attachmentsDir}" .`,
      ].join('\n'),
    );
  }
  const pgdata = pgdataOf(config);
  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) {
    throw new CliError(`There is no embedded database in ${pgdata}: nothing to back up. Is DATA_DIR (${config.dataDir}) right?`);
  }
  const databaseFile = userPath(positionals[0] ?? `closeloop-backup-${fileStamp()}.tar.gz`);
  const attachmentsFile = attachmentsArchiveOf(databaseFile);
  for (const f of [databaseFile, attachmentsFile]) {
    if (fs.existsSync(f)) throw new CliError(`${f} already exists; choose another name (nothing was written).`);
  }
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });

  const release = lockForMaintenance(config, 'a backup');
  /** Files this run created: both names are claimed first (`wx`), so a failure removes only our own. */
  const written: string[] = [];
  try {
    for (const f of [databaseFile, attachmentsFile]) {
      fs.closeSync(fs.openSync(f, 'wx', 0o600));
      written.push(f);
    }
    const client = await openPglite(pgdata);
    let counts: Record<string, number | undefined>;
    try {
      // Write everything to the data files, so the copy needs no WAL replay.
      await client.exec('CHECKPOINT');
      counts = await countRows((q) => client.query(q), ['cases', 'users', 'customers', 'attachments']);
      const archive = await client.dumpDataDir('gzip');
      fs.writeFileSync(databaseFile, Buffer.from(await archive.arrayBuffer()));
    } finally {
      await client.close();
    }
    // `tmp/` holds uploads in flight; none can be in flight while we hold the lock.
    const files = await writeTarGz(attachmentsFile, config.attachmentsDir, { exclude: ['tmp'], flags: 'w' });
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    process.stdout.write(
      [
        `Backed up the embedded database in ${pgdata}:`,
        `  ${databaseFile}  (${mb(fs.statSync(databaseFile).size)}; ${plural(counts.cases, 'case')}, ${plural(counts.users, 'user')}, ${plural(counts.customers, 'customer')})`,
        `  ${attachmentsFile}  (${mb(fs.statSync(attachmentsFile).size)}; ${plural(files.files, 'attachment file')} from ${config.attachmentsDir})`,
        'Keep both files together; restore with:',
        `  npm run db:restore -- ${databaseFile}`,
        '',
      ].join('\n'),
    );
  } catch (e) {
    // Leave no half backup that could be mistaken for a whole one.
    for (const f of written) fs.rmSync(f, { force: true });
    throw e;
  } finally {
    release();
  }
}

runCli('db:backup', main);
