import path from 'node:path';
import { PASSWORD_PROBLEM_TEXT, passwordProblem } from '@closeloop/domain';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** Every setting, read from the environment once at start. README.md lists them. */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** The first administrator's password; the same policy as every password (login `admin`). */
  CLOSELOOP_ADMIN_PASSWORD: z
    .string()
    .superRefine((password, ctx) => {
      const problem = passwordProblem(password, { login: 'admin' });
      if (problem) {
        ctx.addIssue({
          code: 'custom',
          message: `the password ${PASSWORD_PROBLEM_TEXT[problem]} (${problem}); choose a stronger one, or leave it unset to have one generated`,
        });
      }
    })
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TIME_ZONE: z.string().refine(isTimeZone, 'not an IANA time zone, e.g. Asia/Shanghai').default('Asia/Shanghai'),
  /** ISO country of the company: customers elsewhere are foreign. */
  COMPANY_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code, e.g. CN')
    .default('CN'),
  ATTACHMENTS_DIR: z.string().min(1).optional(),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** How far back a case's received time may be recorded; older feedback comes in through an import. */
  CASE_BACKDATE_DAYS: z.coerce.number().int().min(0).max(3650).default(60),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  /** Absolute lifetime of a session, however recently used: one sign-in lasts a working day, not into the next. */
  SESSION_MAX_AGE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(16),
  /** Send cookies only over HTTPS; turn on behind a TLS proxy. */
  COOKIE_SECURE: bool.default(false),
  /** Trust X-Forwarded-* from a reverse proxy. */
  TRUST_PROXY: bool.default(false),
  /** Where the app is reached from outside; links in e-mails point here. */
  PUBLIC_URL: z.url().optional(),
  /** Outgoing mail, e.g. smtp://user:pass@mail.example.com:587 or smtps://…:465. Unset: e-mail is logged in the outbox as skipped. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Closeloop <closeloop@localhost>'),
  /** Run the background jobs (SLA sweep, outbox delivery) in this process. */
  JOBS: bool.default(true),
  /** How often the SLA sweep and the outbox worker look for work. */
  SLA_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(2_000),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  adminPassword: string | undefined;
  logLevel: string;
  timeZone: string;
  companyCountry: string;
  attachmentsDir: string;
  attachmentMaxBytes: number;
  bodyLimitBytes: number;
  caseBackdateDays: number;
  sessionTtlHours: number;
  sessionMaxAgeHours: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  publicUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  jobs: boolean;
  slaSweepIntervalMs: number;
  outboxIntervalMs: number;
};

export class ConfigError extends Error {}

/** Read and validate settings; throws `ConfigError` naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(Object.keys(ConfigSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = ConfigSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.DATA_DIR);
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir,
    databaseUrl: c.DATABASE_URL,
    databasePoolSize: c.DATABASE_POOL_SIZE,
    adminPassword: c.CLOSELOOP_ADMIN_PASSWORD,
    logLevel: c.LOG_LEVEL,
    timeZone: c.TIME_ZONE,
    companyCountry: c.COMPANY_COUNTRY,
    attachmentsDir: path.resolve(c.ATTACHMENTS_DIR ?? path.join(dataDir, 'attachments')),
    attachmentMaxBytes: c.ATTACHMENT_MAX_BYTES,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    caseBackdateDays: c.CASE_BACKDATE_DAYS,
    sessionTtlHours: c.SESSION_TTL_HOURS,
    sessionMaxAgeHours: c.SESSION_MAX_AGE_HOURS,
    cookieSecure: c.COOKIE_SECURE,
    trustProxy: c.TRUST_PROXY,
    publicUrl: c.PUBLIC_URL?.replace(/\/+$/, ''),
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    jobs: c.JOBS,
    slaSweepIntervalMs: c.SLA_SWEEP_INTERVAL_MS,
    outboxIntervalMs: c.OUTBOX_INTERVAL_MS,
  };
}
