import type { Command } from 'commander';
import { loadConfig, type Config } from '../config.ts';
import { openStorage } from '../store/index.ts';

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

export async function serve(config: Config): Promise<void> {
  // Loaded here, not at the top: the API client commands should not load the whole server.
  const { createApp } = await import('../app.ts');
  const app = await createApp(config);
  const printed = config.role === 'worker' ? null : await app.keys.bootstrap(config.apiKey);
  const address = await app.http.listen({ port: config.port, host: config.host });
  app.log.info({ address, role: config.role, database: app.storage.backend }, 'salesos listening');
  if (printed) {
    // Shown once: only its hash is stored.
    process.stdout.write(
      `\nAn API key was created for the default organization. It is shown only this once:\n\n    ${printed}\n\nUse it as: curl -H "Authorization: Bearer ${printed}" ${address}/v1/webhooks\n\n`,
    );
  }
  process.stdout.write(
    `SalesOS Webhooks ${config.role === 'worker' ? 'worker' : `at ${address} (dashboard: ${address}/dashboard, API docs: ${address}/docs)`} on ${app.storage.backend}\n`,
  );
  let stopping = false;
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
      const storage = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: config.databaseSchema });
      try {
        const applied = await storage.migrate();
        process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'Nothing to migrate\n');
      } finally {
        await storage.close();
      }
    });
}
