// `salesos secrets reencrypt`: every stored signing secret encrypted with the first key of
// SALESOS_ENCRYPTION_KEY (works on the database directly, beside running servers).
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openStorage } from '../store/index.ts';
import { WebhookChanges } from '../webhooks/changes.ts';
import { WebhookService } from '../webhooks/service.ts';
import { processIo, type CliIo } from './output.ts';

type Env = Record<string, string | undefined>;

export function secretsCommand(program: Command, env: Env, io: CliIo = processIo()): void {
  const secrets = program.command('secrets').description('Manage how signing secrets are stored (works on the database directly)');
  secrets
    .command('reencrypt')
    .description('Encrypt every signing secret with the first key of SALESOS_ENCRYPTION_KEY (after adding a key in front, before removing an old one)')
    .action(async () => {
      const config = loadConfig(env);
      const storage = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: config.databaseSchema });
      try {
        await storage.migrate();
        // Nothing to tell: the stored values change, the secrets do not.
        const n = await new WebhookService(storage.webhooks, new WebhookChanges(), config).reencryptSecrets();
        io.stdout.write(`Re-encrypted ${n} secret${n === 1 ? '' : 's'} with key ${config.encryptionKeys[0]?.id}\n`);
      } finally {
        await storage.close();
      }
    });
}
