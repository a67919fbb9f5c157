import { buildApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { DataDirLockedError } from './db/lock.ts';
import { startBackgroundJobs } from './jobs/index.ts';

/** config → database → app → listen; nothing else. */
async function main() {
  const config = loadConfig();
  const database = await openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize }
      : { kind: 'embedded', dataDir: config.dataDir },
  );
  const first = await bootstrap({ db: database.db, config, now: () => new Date(), actor: undefined });
  const app = await buildApp(
    { database, config },
    { logger: { level: config.logLevel, ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty' } } : {}) } },
  );
  const jobs = config.jobs ? startBackgroundJobs({ db: database.db, config, now: () => new Date(), log: app.log }) : undefined;
  const shutdown = async (signal: string) => {
    app.log.info(`${signal}: shutting down`);
    await jobs?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${port}`;
  const lines = [
    '',
    `Closeloop 闭环 is running at ${url}`,
    `  API docs:  ${url}/api/docs`,
    `  Database:  ${database.kind === 'embedded' ? `embedded PostgreSQL in ${database.location}` : database.location}`,
  ];
  if (first.adminCreated) {
    lines.push('', 'First start: created the administrator account.', '  login:    admin');
    if (first.generatedPassword) {
      lines.push(`  password: ${first.generatedPassword}`, `  (shown once; also saved, readable only by you, in ${first.passwordFile})`);
    } else {
      lines.push('  password: the value of CLOSELOOP_ADMIN_PASSWORD');
    }
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof DataDirLockedError) {
    process.stderr.write(`\n${e.message}\n\n`);
  } else {
    process.stderr.write(`\nCloseloop could not start: ${(e as Error).stack ?? String(e)}\n\n`);
  }
  process.exit(1);
});
