import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { bootstrap } from '../bootstrap.ts';
import { type Config, loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/connection.ts';

export const ADMIN_PASSWORD = 'admin-password-for-tests';

/**
 * A fresh database for one test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by DATABASE_URL (dropped again by `close`).
 */
export async function openTestDatabase(
  options: { onQuery?: (query: string) => void } = {},
): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ kind: 'memory', ...options });
    return { database, drop: () => database.close() };
  }
  const name = `closeloop_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: u.toString(), poolSize: 20, ...options });
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** An HTTP caller bound to a session (cookie + CSRF) or a Bearer token. */
export class Client {
  constructor(
    private readonly app: FastifyInstance,
    readonly auth: { cookie?: string; csrfToken?: string; bearer?: string } = {},
  ) {}

  request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { ...headers };
    if (this.auth.cookie) h.cookie = this.auth.cookie;
    if (this.auth.csrfToken && method !== 'GET') h['x-csrf-token'] = this.auth.csrfToken;
    if (this.auth.bearer) h.authorization = `Bearer ${this.auth.bearer}`;
    const opts: InjectOptions = { method, url, headers: h };
    if (body !== undefined) {
      if (typeof body === 'string' || Buffer.isBuffer(body)) opts.payload = body;
      else opts.payload = body as InjectOptions['payload'];
    }
    return this.app.inject(opts);
  }
  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', url, body ?? {}, headers);
  patch = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('PATCH', url, body ?? {}, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);
}

export interface TestEnv {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** Set to pin the clock; undefined follows real time. */
  clock: { now: Date | undefined };
  anonymous: Client;
  admin: Client;
  /** Sign in and return a session client. */
  login(login: string, password: string): Promise<Client>;
  /** Create a user with the given roles (and optional department code) and sign in as them. */
  userWith(roles: string[], options?: { login?: string; displayName?: string; department?: string }): Promise<Client & { userId: string }>;
  close(): Promise<void>;
}

let userCounter = 0;

export async function createTestEnv(
  overrides: Record<string, string> = {},
  options: { onQuery?: (query: string) => void } = {},
): Promise<TestEnv> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-test-'));
  const config = loadConfig({
    DATA_DIR: dir,
    CLOSELOOP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
    ...overrides,
  } as NodeJS.ProcessEnv);
  const { database, drop } = await openTestDatabase(options);
  const clock: { now: Date | undefined } = { now: undefined };
  const now = () => clock.now ?? new Date();
  await bootstrap({ db: database.db, config, now, actor: undefined });
  const app = await buildApp({ database, config, clock: now });
  await app.ready();

  const login = async (loginName: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: loginName, password } });
    if (res.statusCode !== 200) throw new Error(`login ${loginName} failed: ${res.statusCode} ${res.body}`);
    const cookie = String(res.headers['set-cookie']).split(';')[0] ?? '';
    return new Client(app, { cookie, csrfToken: res.json().csrfToken });
  };
  const admin = await login('admin', ADMIN_PASSWORD);

  return {
    app,
    database,
    config,
    clock,
    anonymous: new Client(app),
    admin,
    login,
    async userWith(roles, options = {}) {
      userCounter += 1;
      const loginName = options.login ?? `user${userCounter}_${roles.join('_')}`;
      let departmentId: string | undefined;
      if (options.department) {
        const deps = (await admin.get('/api/v1/departments')).json().items as { id: string; code: string }[];
        departmentId = deps.find((d) => d.code === options.department)?.id;
      }
      const res = await admin.post('/api/v1/users', {
        login: loginName,
        displayName: options.displayName ?? loginName,
        roles,
        password: 'a-long-test-password',
        ...(departmentId ? { departmentId } : {}),
      });
      if (res.statusCode !== 201) throw new Error(`create user failed: ${res.body}`);
      const client = await login(loginName, 'a-long-test-password');
      return Object.assign(client, { userId: res.json().id as string });
    },
    async close() {
      await app.close();
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
