// Durations as written in configuration: "500ms", "30s", "5m", "2h", "1d".
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(text);
  if (!m) throw new Error(`expected a duration such as 500ms, 30s, 5m, 2h or 1d, got ${JSON.stringify(text)}`);
  return Math.round(Number(m[1]) * UNITS[m[2]]);
}

export function parseDurationList(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.length > 50 || parts.some((p) => p === '')) {
    throw new Error(`expected a comma-separated list of 1 to 50 durations, got ${JSON.stringify(text)}`);
  }
  return parts.map(parseDuration);
}

export function formatDuration(ms: number): string {
  for (const [unit, size] of [
    ['d', UNITS.d],
    ['h', UNITS.h],
    ['m', UNITS.m],
    ['s', UNITS.s],
  ] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** A duration for people: "24 hours", "2 days", "1 hour 30 minutes", "45 seconds". */
export function humanDuration(ms: number): string {
  if (ms <= 0) return 'no time';
  const unit = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  const day = 86_400_000;
  if (ms % day === 0 && ms >= 2 * day) return unit(ms / day, 'day');
  const parts: string[] = [];
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  if (h) parts.push(unit(h, 'hour'));
  if (m) parts.push(unit(m, 'minute'));
  if (s || !parts.length) parts.push(unit(s, 'second'));
  return parts.join(' ');
}
