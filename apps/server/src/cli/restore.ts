import fs from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { loadConfig } from '../config.ts';
import { migrationsFolder } from '../db/connection.ts';
import {
  attachmentsArchiveOf,
  CliError,
  countRows,
  exitOnHelp,
  fileStamp,
  holdsFiles,
  lockForMaintenance,
  openPglite,
  parseCommandLine,
  pgdataOf,
  plural,
  runCli,
  userPath,
} from './common.ts';
import { extractTarGz } from './tar.ts';

const USAGE = `Usage: npm run db:restore -- <file.tar.gz> [--force]

Restore a backup made by db:backup into the embedded database (DATA_DIR/pgdata), while Closeloop
is stopped. The attachments archive beside it (<file>.attachments.tar.gz) is restored into the
attachments folder when present. Refuses to replace existing data unless --force is given; then
the old folders are moved aside (pgdata.before-restore-<time>), not deleted.
With DATABASE_URL set, use PostgreSQL's pg_restore instead.`;

const isGzip = (file: string) => {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    fs.readSync(fd, head, 0, 2, 0);
    return head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    fs.closeSync(fd);
  }
};

async function main() {
  const { values, positionals } = parseCommandLine(USAGE, { force: { type: 'boolean' } });
  exitOnHelp(values, USAGE);
  if (positionals.length !== 1) throw new CliError(`Name the backup file to restore.\n\n${USAGE}`);
  const config = loadConfig();
  if (config.databaseUrl) {
    throw new CliError(
      [
        'DATABASE_URL is set: the data lives on a PostgreSQL server, which this command does not restore.',
        "Use PostgreSQL's own tools on a dump made with pg_dump -Fc:",
        '  pg_restore --clean --if-exists -d "$DATABASE_URL" closeloop.dump',
        `and unpack the attachments into ${config.attachmentsDir}.`,
      ].join('\n'),
    );
  }
  const databaseFile = userPath(positionals[0] as string);
  if (!fs.statSync(databaseFile, { throwIfNoEntry: false })?.isFile()) throw new CliError(`${databaseFile} does not exist.`);
  const attachmentsFile = attachmentsArchiveOf(databaseFile);
  const withAttachments = fs.existsSync(attachmentsFile);
  const pgdata = pgdataOf(config);
  const attachmentsDir = config.attachmentsDir;

  const release = lockForMaintenance(config, 'a restore');
  const stamp = fileStamp();
  const movedAside: { from: string; to: string }[] = [];
  const created: string[] = [];
  try {
    const occupied = [pgdata, ...(withAttachments ? [attachmentsDir] : [])].filter(holdsFiles);
    if (occupied.length > 0 && !values.force) {
      throw new CliError(
        `${occupied.join(' and ')} already ${occupied.length > 1 ? 'hold' : 'holds'} data; nothing was changed.\n` +
          'Restore into an empty DATA_DIR, or add --force to move the existing data aside (it is kept, not deleted).',
      );
    }
    for (const dir of occupied) {
      const to = `${dir}.before-restore-${stamp}`;
      fs.renameSync(dir, to);
      movedAside.push({ from: dir, to });
    }
    fs.rmSync(pgdata, { recursive: true, force: true });
    fs.mkdirSync(pgdata, { recursive: true, mode: 0o700 });
    created.push(pgdata);

    const bytes = fs.readFileSync(databaseFile);
    const archive = new File([bytes], path.basename(databaseFile), {
      type: isGzip(databaseFile) ? 'application/x-gzip' : 'application/x-tar',
    });
    const client = await openPglite(pgdata, archive).catch((e: unknown) => {
      throw new CliError(`${databaseFile} is not a Closeloop database backup that can be loaded: ${(e as Error).message}`);
    });
    let counts: Record<string, number | undefined>;
    try {
      // A backup from an older version gets the newer schema, as the server would at start.
      await migrate(drizzle(client), { migrationsFolder });
      counts = await countRows((q) => client.query(q), ['cases', 'users', 'customers', 'attachments']);
    } finally {
      await client.close();
    }

    let files = { files: 0, bytes: 0 };
    if (withAttachments) {
      fs.rmSync(attachmentsDir, { recursive: true, force: true });
      created.push(attachmentsDir);
      files = await extractTarGz(attachmentsFile, attachmentsDir);
    }

    const lines = [
      `Restored ${databaseFile}`,
      `  into ${pgdata}: ${plural(counts.cases, 'case')}, ${plural(counts.users, 'user')}, ${plural(counts.customers, 'customer')}, ${plural(counts.attachments, 'attachment record')}`,
      withAttachments
        ? `  attachments from ${attachmentsFile} into ${attachmentsDir}: ${plural(files.files, 'file')}`
        : `  no attachments archive found (${attachmentsFile}); attachment files were not restored`,
    ];
    for (const m of movedAside)
      lines.push(`  the previous ${path.basename(m.from)} was moved to ${m.to}; delete it once you are satisfied`);
    lines.push('Start Closeloop as usual.', '');
    process.stdout.write(lines.join('\n'));
  } catch (e) {
    // Put things back as they were: remove what we made, return what we moved.
    for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
    for (const m of movedAside) fs.renameSync(m.to, m.from);
    throw e;
  } finally {
    release();
  }
}

runCli('db:restore', main);
