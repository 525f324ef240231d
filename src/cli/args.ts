// Argument parsers for the API commands. A bad value is a usage error (exit 2) that names it.
import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../duration.ts';
import { isEventPattern } from '../catalog.ts';

export function parseLimit(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 10_000) throw new InvalidArgumentError('expected an integer from 1 to 10000');
  return Number(value);
}

/** A comma-separated list of event types, `group.*` wildcards or `*`. */
export function parseEventPatterns(value: string): string[] {
  const patterns = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!patterns.length) throw new InvalidArgumentError('expected event types such as lead.created,opportunity.*');
  const bad = patterns.filter((p) => !isEventPattern(p));
  if (bad.length) throw new InvalidArgumentError(`unknown event type ${bad.join(', ')} (see \`salesos events types\`)`);
  return patterns;
}

export function parseHttpUrl(value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new InvalidArgumentError('expected an absolute http(s) URL such as http://localhost:3000/hooks');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new InvalidArgumentError('expected an http(s) URL');
  return u.toString();
}

/** An ISO-8601 time, or a duration ago such as 2h or 3d. */
export function parseSince(value: string, now = Date.now()): string {
  if (/^\d+(\.\d+)?(ms|s|m|h|d)$/.test(value.trim())) return new Date(now - parseDuration(value)).toISOString();
  const t = Date.parse(value);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}/.test(value))
    throw new InvalidArgumentError('expected an ISO-8601 time (2026-01-31T12:00:00Z) or a duration ago (30m, 2h, 3d)');
  return new Date(t).toISOString();
}

/** key=value pairs (repeatable option). */
export function collectMetadata(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const i = value.indexOf('=');
  if (i < 1) throw new InvalidArgumentError('expected key=value');
  return { ...previous, [value.slice(0, i)]: value.slice(i + 1) };
}

/** `Name: value` of a --header or --secret-header, collected (repeatable). */
export function collectHeader(value: string, previous: Array<[string, string]> = []): Array<[string, string]> {
  const i = value.indexOf(':');
  if (i < 1) throw new InvalidArgumentError("expected 'Name: value'");
  return [...previous, [value.slice(0, i).trim(), value.slice(i + 1).trim()]];
}

/** A delivery setting's value, or the word `default` (commander turns a parsed null into '': settingsBody maps it to null). */
export function orDefault<T>(parse: (v: string) => T): (v: string) => T | 'default' {
  return (v) => (v === 'default' ? v : parse(v));
}

/** A JSON object (a webhook's filter: the server checks the rest and names what is wrong). */
export function parseJsonObject(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('expected a JSON object, or default');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidArgumentError('expected a JSON object, or default');
  return parsed as Record<string, unknown>;
}

/** A positive integer (the server checks its bounds). */
export function parsePositiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a positive integer, or default');
  return Number(value);
}
