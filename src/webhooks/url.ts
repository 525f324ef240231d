// Webhook URL rules: absolute http(s), ≤ 2,048 characters, https only in production, and, where
// private networks are not allowed, a host that is and resolves to a public address.
import { lookup } from 'node:dns/promises';
import type { Config } from '../config.ts';
import { isBlockedAddress, literalHostBlocked } from './ssrf.ts';
import { validation } from '../errors.ts';

export async function checkWebhookUrl(raw: string, config: Pick<Config, 'production' | 'allowPrivateUrls'>): Promise<string> {
  const bad = (message: string) => validation(message, [{ field: 'url', message }]);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad('url must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw bad('url must use http or https');
  if (!url.hostname) throw bad('url must have a host');
  if (url.username || url.password) throw bad('url must not contain credentials');
  if (raw.length > 2048) throw bad('url must be at most 2048 characters');
  if (config.production && url.protocol !== 'https:') throw bad('url must use https');
  if (!config.allowPrivateUrls) {
    if (literalHostBlocked(url.hostname)) {
      throw bad('url must not point at a private, loopback or link-local address');
    }
    const addresses = await lookup(url.hostname.replace(/^\[|\]$/g, ''), { all: true }).catch(() => []);
    if (addresses.some((a) => isBlockedAddress(a.address))) {
      throw bad(`url host ${url.hostname} resolves to a private address`);
    }
  }
  return raw;
}
