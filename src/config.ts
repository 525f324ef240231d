// Configuration is read once, here, from the environment (SPEC §2) and passed down as one typed,
// validated object. Nothing below src/main.ts reads process.env.
import { parseDuration, parseDurationList } from './duration.ts';

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
  /** Requests per second per API key (token bucket; burst = 2 s worth). */
  rateLimitPerKey: number;
  /** Deliveries and attempts older than this are purged (bounded storage); 0 keeps everything. */
  retentionMs: number;
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

export function loadConfig(env: Env, overrides: Partial<Config> = {}): Config {
  const production = env.NODE_ENV === 'production';
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
    retentionMs: duration(env, 'SALESOS_RETENTION', '30d'),
    ...overrides,
  };
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(config.databaseSchema)) throw new ConfigError('SALESOS_DB_SCHEMA', 'expected a lower-case SQL identifier');
  if (config.deliveryTimeoutMs < 1) throw new ConfigError('SALESOS_DELIVERY_TIMEOUT', 'must be positive');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    throw new ConfigError('LOG_LEVEL', `expected fatal, error, warn, info, debug, trace or silent`);
  }
  return config;
}
