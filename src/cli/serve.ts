import type { Command } from 'commander';
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadConfig, unknownVariableWarnings, type Config } from '../config.ts';
import { openStorage } from '../store/index.ts';
import { DatabaseUnavailableError } from '../store/errors.ts';

type Env = Record<string, string | undefined>;

export function serveCommand(program: Command, env: Env): void {
  program
    .command('serve')
    .description('Run the HTTP API, the dashboard and the delivery workers')
    .option('--port <port>', 'port to listen on (PORT)')
    .option('--host <host>', 'address to listen on (HOST)')
    .option('--role <role>', 'api, worker or all (SALESOS_ROLE)')
    .option('--database-url <url>', 'postgres://… (DATABASE_URL); unset: SQLite')
    .option('--data-dir <dir>', 'SQLite directory (SALESOS_DATA_DIR)')
    .action(async (opts: { port?: string; host?: string; role?: string; databaseUrl?: string; dataDir?: string }) => {
      for (const w of unknownVariableWarnings(env)) process.stderr.write(`salesos: warning: ${w}\n`);
      // A flag overrides the environment variable of the same setting.
      const config = loadConfig({
        ...env,
        ...(opts.port !== undefined && { PORT: opts.port }),
        ...(opts.host !== undefined && { HOST: opts.host }),
        ...(opts.role !== undefined && { SALESOS_ROLE: opts.role }),
        ...(opts.databaseUrl !== undefined && { DATABASE_URL: opts.databaseUrl }),
        ...(opts.dataDir !== undefined && { SALESOS_DATA_DIR: opts.dataDir }),
      });
      await serve(config);
    });
}

/** A start that cannot go on: one line naming the cause and what to set, exit status 1. */
export class StartError extends Error {}

const DATA_DIR_HINT = 'set SALESOS_DATA_DIR (--data-dir) to a writable directory';

/**
 * The SQLite data directory, checked before anything is opened: created when missing (its parent
 * must exist: a path whose parent is missing is more likely a typo than a new home), writable, and
 * its database file readable and writable when there is one.
 */
export function checkDataDir(dir: string): void {
  const where = resolve(dir);
  try {
    mkdirSync(where);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StartError(`the data directory ${where} is missing and so is ${dirname(where)}: create it, or ${DATA_DIR_HINT}`);
    if (code !== 'EEXIST') throw new StartError(`the data directory ${where} cannot be created (${code}): ${DATA_DIR_HINT}`);
  }
  if (!statSync(where).isDirectory()) throw new StartError(`the data directory ${where} is not a directory: ${DATA_DIR_HINT}`);
  try {
    accessSync(where, constants.W_OK | constants.X_OK);
    const file = join(where, 'salesos.db');
    if (existsSync(file)) accessSync(file, constants.R_OK | constants.W_OK);
  } catch (e) {
    throw new StartError(`the data directory ${where} is not writable (${(e as NodeJS.ErrnoException).code}): fix its permissions or ${DATA_DIR_HINT}`);
  }
}

/** Where a database URL points, without its password. */
function databaseName(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname.length > 1 ? u.pathname : ''}${u.username ? ` as ${decodeURIComponent(u.username)}` : ''}`;
  } catch {
    return 'the configured server';
  }
}

/** A start-up failure of the database, in one line naming what to set; null when it is not one. */
export function databaseStartError(e: unknown, config: Config): StartError | null {
  const err = e as { code?: string; message?: string };
  const message = (err.message ?? String(e)).split('\n')[0];
  if (config.databaseUrl) {
    const at = databaseName(config.databaseUrl);
    const set = 'check DATABASE_URL (--database-url)';
    if (e instanceof DatabaseUnavailableError || /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)$/.test(err.code ?? ''))
      return new StartError(`cannot reach PostgreSQL at ${at} (${message}): is it running? ${set}`);
    if (err.code === '28P01' || err.code === '28000') return new StartError(`PostgreSQL at ${at} refused the login (${message}): ${set}`);
    if (err.code === '3D000') return new StartError(`PostgreSQL at ${at}: ${message}: create it, or ${set}`);
    if (err.code === '42501') return new StartError(`PostgreSQL at ${at}: ${message}: grant the user the rights to create tables, or ${set}`);
    if (typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code)) return new StartError(`PostgreSQL at ${at}: ${message} (${err.code}): ${set}`);
    return null;
  }
  if (/^SQLITE_/.test(err.code ?? '') || /^(EACCES|EROFS|ENOTDIR|ENOSPC|EPERM)$/.test(err.code ?? ''))
    return new StartError(`the SQLite database in ${resolve(config.dataDir)} cannot be used (${message}): ${DATA_DIR_HINT}`);
  return null;
}

function listenStartError(e: unknown, config: Config): StartError | null {
  const code = (e as { code?: string }).code;
  if (code === 'EADDRINUSE') return new StartError(`port ${config.port} on ${config.host} is already in use: stop what uses it, or set PORT (--port)`);
  if (code === 'EACCES') return new StartError(`not allowed to listen on port ${config.port}: set PORT (--port) to 1024 or above`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new StartError(`cannot listen on ${config.host}: no such address on this machine; set HOST (--host)`);
  return null;
}

function fail(e: StartError): never {
  process.stderr.write(`salesos: ${e.message}\n`);
  process.exit(1);
}

/**
 * Starts the service, in an order that leaves nothing behind when a start fails: the data
 * directory and the database are checked and opened, the port is taken, and only then is the
 * first start's key created and the delivery work started (SALESOS_API_KEY, the operator's own
 * key, is stored before listening). Any of these failing ends the start with
 * one line and exit status 1.
 */
export async function serve(config: Config): Promise<void> {
  if (!config.databaseUrl) {
    try {
      checkDataDir(config.dataDir);
    } catch (e) {
      if (e instanceof StartError) fail(e);
      throw e;
    }
  }
  // Loaded here, not at the top: the API client commands should not load the whole server.
  const { createApp } = await import('../app.ts');
  let stopping = false;
  const lost = (reason: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`salesos: ${reason}: stopping. Restore the file, or start again with the SALESOS_DATA_DIR that holds the data\n`);
    // Best effort, bounded: nothing more may be written to the file this process holds.
    setTimeout(() => process.exit(1), 3000).unref();
    void app.close().finally(() => process.exit(1));
  };
  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp(config, { start: false, onLost: lost });
  } catch (e) {
    const known = databaseStartError(e, config);
    if (known) fail(known);
    throw e;
  }
  // SALESOS_API_KEY is the operator's own key, not a new one: stored before listening, so that it
  // works from the first request answered.
  if (config.role !== 'worker' && config.apiKey) await app.keys.bootstrap(config.apiKey);
  let address: string;
  try {
    address = await app.http.listen({ port: config.port, host: config.host });
  } catch (e) {
    const known = listenStartError(e, config);
    await app.close().catch(() => {});
    if (known) fail(known);
    throw e;
  }
  // The service is up: only now is a key created (to be printed), and the work starts.
  const bootstrap = config.role === 'worker' || config.apiKey ? null : await app.keys.bootstrap(null);
  app.start();
  app.log.info({ address, role: config.role, database: app.storage.backend }, 'salesos listening');
  if (bootstrap === 'unshown') {
    process.stdout.write(
      `\nNo API key has been shown yet (an earlier start stopped before printing the one it created). Create one with:\n\n    salesos keys create --org default\n\n(npx salesos … in a checkout; the same DATABASE_URL or SALESOS_DATA_DIR as this service.)\n\n`,
    );
  } else if (bootstrap) {
    // Shown once: only its hash is stored.
    process.stdout.write(
      `\nAn API key was created for the default organization. It is shown only this once:\n\n    ${bootstrap.key}\n\nUse it as: curl -H "Authorization: Bearer ${bootstrap.key}" ${address}/v1/webhooks\n\n`,
    );
    await app.keys.markShown(bootstrap.keyId);
  }
  process.stdout.write(
    `SalesOS Webhooks ${config.role === 'worker' ? 'worker' : `at ${address} (dashboard: ${address}/dashboard, API docs: ${address}/docs)`} on ${app.storage.backend}\n`,
  );
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    app.log.info('shutting down');
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

export function migrateCommand(program: Command, env: Env): void {
  program
    .command('migrate')
    .description('Apply pending database migrations and exit')
    .action(async () => {
      const config = loadConfig(env);
      if (!config.databaseUrl) checkDataDir(config.dataDir);
      let storage;
      try {
        storage = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: config.databaseSchema });
        const applied = await storage.migrate();
        process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'Nothing to migrate\n');
      } catch (e) {
        throw databaseStartError(e, config) ?? e;
      } finally {
        await storage?.close();
      }
    });
}
