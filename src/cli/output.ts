// What the API commands print: JSON for scripts (--json), aligned columns for people, colours
// and spinners only on a terminal and never with NO_COLOR.
import type { Env } from './client.ts';

export interface Out {
  /** stdout is a terminal (progress indicators make sense). */
  tty: boolean;
  color: boolean;
  line(text?: string): void;
  err(text: string): void;
  json(value: unknown): void;
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  /** Colours a delivery status. */
  status(s: string): string;
  /** Shows `text` with a spinner on a terminal until the promise settles. */
  progress<T>(text: string, work: Promise<T>): Promise<T>;
}

/** Where a command writes: the process's stdout and stderr, or anything with write() (tests run commands in-process). */
export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
}
export interface CliStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr };
}

let pipeHandled = false;

export function makeOut(env: Env, io: CliIo = processIo()): Out {
  const { stdout, stderr } = io;
  if (!pipeHandled && stdout === process.stdout) {
    pipeHandled = true;
    // `salesos events list | head`: the reader went away, which is no failure worth a stack trace.
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
  const tty = stdout.isTTY === true;
  const color = tty && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  const paint = (code: number) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const out: Out = {
    tty,
    color,
    line: (text = '') => void stdout.write(text + '\n'),
    err: (text) => void stderr.write(text + '\n'),
    json: (value) => void stdout.write(JSON.stringify(value, null, 2) + '\n'),
    green: paint(32),
    red: paint(31),
    yellow: paint(33),
    dim: paint(2),
    bold: paint(1),
    status: (s) => (s === 'succeeded' ? out.green(s) : s === 'failed' ? out.red(s) : s === 'pending' ? out.yellow(s) : out.dim(s)),
    async progress<T>(text: string, work: Promise<T>): Promise<T> {
      if (!tty) return work;
      const frames = color ? ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] : ['|', '/', '-', '\\'];
      let i = 0;
      const started = Date.now();
      const draw = () => stdout.write(`\r${frames[i++ % frames.length]} ${text} ${out.dim(`${((Date.now() - started) / 1000).toFixed(1)}s`)}`);
      draw();
      const timer = setInterval(draw, 80);
      try {
        return await work;
      } finally {
        clearInterval(timer);
        stdout.write('\r\x1b[2K');
      }
    },
  };
  return out;
}

/** Left-aligned columns separated by two spaces (widths measured without colour codes). */
export function table(rows: string[][], header?: string[]): string[] {
  const all = header ? [header, ...rows] : rows;
  if (!all.length) return [];
  // eslint-disable-next-line no-control-regex
  const width = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').length;
  const widths = all[0].map((_, c) => Math.max(...all.map((r) => width(r[c] ?? ''))));
  return all.map((r) =>
    r
      .map((cell, c) => (c === r.length - 1 ? cell : cell + ' '.repeat(widths[c] - width(cell))))
      .join('  ')
      .trimEnd(),
  );
}

/** Local time of day for live lines (tail, listen). */
export function clock(date = new Date()): string {
  return date.toTimeString().slice(0, 8);
}

export function when(isoTime: string | null): string {
  return isoTime ? isoTime.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '-';
}
