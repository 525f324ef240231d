// Helpers for the CLI tests, with a clean environment (no profile file, no inherited SALESOS_*
// settings): runCli runs a command in this process (the CLI's own entry function with the
// arguments, its output captured, its exit code answered), as most tests are about what a command
// does and prints, not about the process; runBin and startCli run the real `salesos` command
// (node bin/salesos.js) as a child process, for what is about the process: the bin, exit codes
// as a shell sees them, signals, commands that run until interrupted.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as runInProcess } from '../src/cli/index.ts';
import type { CliStream } from '../src/cli/output.ts';
import { waitFor, type TestApp } from './helpers.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'salesos.js');
const home = mkdtempSync(join(tmpdir(), 'salesos-cli-home-'));
process.on('exit', () => rmSync(home, { recursive: true, force: true }));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a child: PATH, an empty HOME, and what the test passes. */
export function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: home, LOG_LEVEL: 'silent', ...extra };
}

/** The environment pointing a child at a test app's API. */
export function apiEnv(t: TestApp, extra: Record<string, string> = {}): Record<string, string> {
  return cliEnv({ SALESOS_API_URL: t.url, SALESOS_API_KEY: t.key, ...extra });
}

export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of re in stdout (or stderr with from: 'stderr'). */
  waitFor(re: RegExp, opts?: { from?: 'stdout' | 'stderr'; timeoutMs?: number }): Promise<RegExpExecArray>;
  /** Sends SIGINT and resolves with the exit code. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

export function startCli(args: string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (re, opts = {}) =>
      waitFor(
        () => re.exec(opts.from === 'stderr' ? err : out),
        opts.timeoutMs ?? 30_000,
        `${re} in the output of salesos ${args.join(' ')}\nstdout: ${out}\nstderr: ${err}`,
      ),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}

/** Runs `salesos …` in this process: the same program as the bin's, with env as its environment. */
export async function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const sink = (add: (text: string) => void): CliStream => ({ write: (text: string) => (add(text), true), isTTY: false });
  const code = await runInProcess([process.execPath, BIN, ...args], env, {
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
  });
  return { code, stdout, stderr };
}

/** Runs `salesos …` as a child process (node bin/salesos.js) to completion. */
export async function runBin(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<CliResult> {
  const p = startCli(args, env);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), timeoutMs);
  const code = await p.exited;
  clearTimeout(timer);
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

/** Runs `salesos … --json` and parses stdout, failing with the output when it did not succeed. */
export async function runJson<T>(args: string[], env: Record<string, string>): Promise<T> {
  const r = await runCli([...args, '--json'], env);
  if (r.code !== 0) throw new Error(`salesos ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
