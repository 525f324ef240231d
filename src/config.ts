// Configuration is read once, here, from the environment (SPEC §2) and passed down as one typed,
// validated object. Nothing below src/main.ts reads process.env.
import { parseDuration, parseDurationList } from './duration.ts';
import { parseEncryptionKeys, type EncryptionKey } from './secret-cipher.ts';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  /** PostgreSQL schema holding the tables (default public; tests use one per file). */
  databaseSchema: string;
  dataDir: string;
  apiKey: string | null;
  retrySchedule: number[]; // ms before retry 1..N
  deliveryTimeoutMs: number;
  allowPrivateUrls: boolean;
  disableAfterMs: number;
  secretGraceMs: number;
  production: boolean;
  logLevel: string;
  role: 'api' | 'worker' | 'all';
  /** Total in-flight attempts per process, and per webhook endpoint. */
  maxConcurrency: number;
  maxPerEndpoint: number;
  /** Bad-key requests from one client address per minute before 429. */
  authFailuresPerMinute: number;
  /** Requests per second per API key, across all processes (fixed 1-second windows, src/orgs/limits.ts). */
  rateLimitPerKey: number;
  /** Events of one organization a process takes to store at once (waiting or being written) before 429 (events/publisher.ts). */
  publishQueuePerOrg: number;
  /** Deliveries and attempts older than this are purged (bounded storage); 0 keeps everything. */
  retentionMs: number;
  /** Keys of SALESOS_ENCRYPTION_KEY: the first encrypts signing secrets, all decrypt (none: clear text). */
  encryptionKeys: EncryptionKey[];
  /** Background tasks (recover, replay): events or deliveries per transaction, and how long a claim holds a task. */
  taskChunk: number;
  taskLeaseMs: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function bool(env: Env, name: string, fallback: boolean): boolean {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new ConfigError(name, `expected true or false, got ${JSON.stringify(v)}`);
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new ConfigError(name, `expected an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
  }
  return Number(v);
}

function duration(env: Env, name: string, fallback: string): number {
  const v = env[name] || fallback;
  try {
    return parseDuration(v);
  } catch (e) {
    throw new ConfigError(name, (e as Error).message);
  }
}

/** The values NODE_ENV may take (unset is development). */
export const NODE_ENVS = ['development', 'production', 'test'] as const;

/**
 * Every SALESOS_* variable the program reads: the server's (here) and the API client commands'
 * (SALESOS_API_URL, SALESOS_CONFIG, in src/cli/client.ts). The README's configuration table
 * lists each (a test compares them).
 */
export const SALESOS_VARIABLES = [
  'SALESOS_DATA_DIR',
  'SALESOS_API_KEY',
  'SALESOS_RETRY_SCHEDULE',
  'SALESOS_DELIVERY_TIMEOUT',
  'SALESOS_ALLOW_PRIVATE_URLS',
  'SALESOS_DISABLE_AFTER',
  'SALESOS_SECRET_GRACE',
  'SALESOS_ROLE',
  'SALESOS_DB_SCHEMA',
  'SALESOS_MAX_CONCURRENCY',
  'SALESOS_MAX_PER_ENDPOINT',
  'SALESOS_AUTH_FAILURES_PER_MINUTE',
  'SALESOS_RATE_LIMIT',
  'SALESOS_PUBLISH_QUEUE',
  'SALESOS_RETENTION',
  'SALESOS_ENCRYPTION_KEY',
  'SALESOS_TASK_CHUNK',
  'SALESOS_TASK_LEASE',
  'SALESOS_API_URL',
  'SALESOS_CONFIG',
] as const;

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** Read by the receiver examples and verification scripts (examples/) and the test suite, not by salesos. */
const READ_ELSEWHERE = ['SALESOS_WEBHOOK_SECRET', 'SALESOS_TEST_BACKENDS'];

/** One warning per SALESOS_* variable that nothing reads (a misspelling, most likely), with the nearest known name. */
export function unknownVariableWarnings(env: Env): string[] {
  const known: readonly string[] = SALESOS_VARIABLES;
  return Object.keys(env)
    .filter((name) => name.startsWith('SALESOS_') && !known.includes(name) && !READ_ELSEWHERE.includes(name))
    .sort()
    .map((name) => {
      const nearest = [...known].sort((a, b) => editDistance(name, a) - editDistance(name, b))[0];
      return `${name} is not a setting of salesos (did you mean ${nearest}?); it is ignored`;
    });
}

function encryptionKeys(env: Env): EncryptionKey[] {
  try {
    return parseEncryptionKeys(env.SALESOS_ENCRYPTION_KEY);
  } catch (e) {
    throw new ConfigError('SALESOS_ENCRYPTION_KEY', (e as Error).message);
  }
}

export function loadConfig(env: Env, overrides: Partial<Config> = {}): Config {
  const nodeEnv = env.NODE_ENV || 'development';
  if (!(NODE_ENVS as readonly string[]).includes(nodeEnv)) {
    throw new ConfigError('NODE_ENV', `expected ${NODE_ENVS.join(', ')} or unset, got ${JSON.stringify(env.NODE_ENV)}`);
  }
  const production = nodeEnv === 'production';
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'expected a postgres:// or postgresql:// URL');
  }
  let retrySchedule: number[];
  try {
    retrySchedule = parseDurationList(env.SALESOS_RETRY_SCHEDULE || '1m,5m,30m,2h,24h');
  } catch (e) {
    throw new ConfigError('SALESOS_RETRY_SCHEDULE', (e as Error).message);
  }
  const apiKey = env.SALESOS_API_KEY || null;
  if (apiKey !== null && (apiKey.length < 16 || apiKey.length > 200 || /\s/.test(apiKey))) {
    throw new ConfigError('SALESOS_API_KEY', 'expected 16 to 200 characters without spaces');
  }
  const role = env.SALESOS_ROLE || 'all';
  if (role !== 'api' && role !== 'worker' && role !== 'all') {
    throw new ConfigError('SALESOS_ROLE', `expected api, worker or all, got ${JSON.stringify(role)}`);
  }
  const host = env.HOST || '127.0.0.1';
  const config: Config = {
    port: int(env, 'PORT', 8080, 0, 65535),
    host,
    databaseUrl,
    databaseSchema: env.SALESOS_DB_SCHEMA || 'public',
    dataDir: env.SALESOS_DATA_DIR || './data',
    apiKey,
    retrySchedule,
    deliveryTimeoutMs: duration(env, 'SALESOS_DELIVERY_TIMEOUT', '30s'),
    allowPrivateUrls: bool(env, 'SALESOS_ALLOW_PRIVATE_URLS', !production),
    disableAfterMs: duration(env, 'SALESOS_DISABLE_AFTER', '5d'),
    secretGraceMs: duration(env, 'SALESOS_SECRET_GRACE', '24h'),
    production,
    logLevel: env.LOG_LEVEL || 'info',
    role,
    maxConcurrency: int(env, 'SALESOS_MAX_CONCURRENCY', 256, 1, 10000),
    maxPerEndpoint: int(env, 'SALESOS_MAX_PER_ENDPOINT', 32, 1, 1000),
    authFailuresPerMinute: int(env, 'SALESOS_AUTH_FAILURES_PER_MINUTE', 60, 1, 1000000),
    rateLimitPerKey: int(env, 'SALESOS_RATE_LIMIT', 2000, 1, 1000000),
    publishQueuePerOrg: int(env, 'SALESOS_PUBLISH_QUEUE', 1000, 1, 1000000),
    retentionMs: duration(env, 'SALESOS_RETENTION', '30d'),
    encryptionKeys: encryptionKeys(env),
    taskChunk: int(env, 'SALESOS_TASK_CHUNK', 500, 1, 5000),
    taskLeaseMs: duration(env, 'SALESOS_TASK_LEASE', '30s'),
    ...overrides,
  };
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(config.databaseSchema)) throw new ConfigError('SALESOS_DB_SCHEMA', 'expected a lower-case SQL identifier');
  if (config.deliveryTimeoutMs < 1) throw new ConfigError('SALESOS_DELIVERY_TIMEOUT', 'must be positive');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    throw new ConfigError('LOG_LEVEL', `expected fatal, error, warn, info, debug, trace or silent`);
  }
  return config;
}
