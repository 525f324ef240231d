import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../config.ts';
import { checkScopes, DEFAULT_ORGANIZATION, KeyService, keyView } from '../orgs/keys.ts';
import { SCOPES } from '../model.ts';
import { openStorage } from '../store/index.ts';
import { processIo, type CliIo } from './output.ts';

type Env = Record<string, string | undefined>;

async function withKeys<T>(env: Env, fn: (keys: KeyService) => Promise<T>): Promise<T> {
  const config = loadConfig(env);
  const storage = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: config.databaseSchema });
  try {
    await storage.migrate();
    return await fn(new KeyService(storage.keys, storage.signals));
  } finally {
    await storage.close();
  }
}

// A bad name is a usage error (exit 2), reported by commander with the option it belongs to.
function orgName(value: string): string {
  if (!/^[\w.-]{1,100}$/.test(value)) throw new InvalidArgumentError('expected 1-100 letters, digits, ".", "_" or "-"');
  return value;
}

// An unknown scope is a usage error naming it and the known ones.
function scopeList(value: string): string[] {
  try {
    return checkScopes(value.split(','));
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

export function keysCommand(program: Command, env: Env, io: CliIo = processIo()): void {
  const keys = program.command('keys').description('Manage API keys (works on the database directly)');
  keys
    .command('create')
    .description('Create an API key; --org creates the organization when it is new')
    .option('--org <name>', 'organization name', orgName, DEFAULT_ORGANIZATION)
    .option('--name <name>', 'a label for the key', 'cli')
    .option('--scopes <list>', `what the key may do, comma-separated: ${SCOPES.join(', ')}, or * (all)`, scopeList, ['*'])
    .option('--json', 'print JSON')
    .action(async (opts: { org: string; name: string; scopes: string[]; json?: boolean }) => {
      const { key, record, organizationCreated } = await withKeys(env, async (k) => {
        const created = await k.createKey(opts.org, opts.name, undefined, opts.scopes);
        await k.markShown(created.record.id); // printed right below
        return created;
      });
      if (opts.json) io.stdout.write(JSON.stringify({ key, ...keyView(record), organization: opts.org, organization_created: organizationCreated }) + '\n');
      else
        io.stdout.write(
          `${organizationCreated ? `Created organization ${opts.org} (${record.organization_id})\n` : ''}Created ${record.id} with scopes ${record.scopes.join(', ')}. The key is shown only once:\n${key}\n`,
        );
    });
  keys
    .command('list')
    .description('List the API keys of an organization')
    .option('--org <name>', 'organization name', DEFAULT_ORGANIZATION)
    .option('--json', 'print JSON')
    .action(async (opts: { org: string; json?: boolean }) => {
      const rows = await withKeys(env, async (k) => {
        const org = await k.organizationByName(opts.org);
        if (!org) throw new Error(`no organization named ${opts.org}`);
        return k.listKeys(org.id);
      });
      if (opts.json) io.stdout.write(JSON.stringify(rows.map(keyView)) + '\n');
      else for (const r of rows) io.stdout.write(`${r.id}  ${r.prefix}…  ${r.name}  ${r.revoked_at ? 'revoked' : 'active'}  ${r.scopes.join(',')}\n`);
    });
  keys
    .command('revoke <id>')
    .description('Revoke an API key')
    .option('--org <name>', 'organization name', DEFAULT_ORGANIZATION)
    .action(async (id: string, opts: { org: string }) => {
      await withKeys(env, async (k) => {
        const org = await k.organizationByName(opts.org);
        if (!org) throw new Error(`no organization named ${opts.org}`);
        await k.revokeKey(org.id, id);
      });
      io.stdout.write(`Revoked ${id}\n`);
    });
}
