// The process's logger: pino, with keys, secrets and signatures redacted wherever they appear.
import pino, { type Logger } from 'pino';

// Keys, secrets and signatures never reach the logs.
export const REDACT = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'secret',
  'key',
  'apiKey',
  '*.secret',
  '*.key',
  '*.apiKey',
  'requestHeaders["webhook-signature"]',
  'requestHeaders["x-webhook-signature"]',
  '*["webhook-signature"]',
  '*["x-webhook-signature"]',
];

export type { Logger };

export function createLogger(config: { logLevel: string }, destination?: pino.DestinationStream): Logger {
  return pino({ level: config.logLevel, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'salesos' } }, destination);
}
