// The last file of the reliability suite: waits for the other files of this run to finish and
// writes their figures to docs/reliability.md. Run alone, it finds nothing and writes nothing.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BACKENDS } from '../helpers.ts';
import { alive, CI, fmtMs, RESULTS_DIR, ROOT, sleep, type Section } from './support.ts';

const HERE = join(ROOT, 'test/reliability');
const OUT = join(ROOT, 'docs/reliability.md');

async function collect(): Promise<{ sections: Section[]; missing: string[] }> {
  const files = readdirSync(HERE).filter((f) => f.endsWith('.test.ts') && f !== 'zz-report.test.ts');
  const marker = (f: string, ext: string) => join(RESULTS_DIR, `${f}.${ext}`);
  // Files of this run start (and leave a marker) within seconds of each other.
  const graceUntil = Date.now() + 15_000;
  const deadline = Date.now() + 25 * 60_000;
  for (;;) {
    const pending = files.filter((f) => {
      if (existsSync(marker(f, 'json'))) return false;
      if (!existsSync(marker(f, 'started'))) return Date.now() < graceUntil;
      return alive(Number(readFileSync(marker(f, 'started'), 'utf8')));
    });
    if (!pending.length || Date.now() > deadline) break;
    await sleep(500);
  }
  const sections = files.filter((f) => existsSync(marker(f, 'json'))).map((f) => JSON.parse(readFileSync(marker(f, 'json'), 'utf8')) as Section);
  return { sections: sections.sort((a, b) => a.order - b.order), missing: files.filter((f) => !existsSync(marker(f, 'json'))) };
}

function render(sections: Section[], missing: string[]): string {
  const checks = sections.flatMap((s) => s.checks);
  const held = checks.filter((c) => c.ok).length;
  const inChecks = (s: Section) => s.checks.reduce((a, c) => a + c.ms, 0);
  const total = sections.reduce((a, s) => a + inChecks(s), 0);
  const cell = (v: string | number) => String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '# Reliability report',
    '',
    '_Written by the reliability suite (`npm run test:reliability`, the last step of CI): crash, outage, fault and abuse tests against the real service. Do not edit by hand; run the suite._',
    '',
    `- Run: ${new Date().toISOString()}${CI ? ' in CI' : ' on a developer machine (shared with other work while it ran: timings are pessimistic)'}; Node.js ${process.version}; ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; backends: ${BACKENDS.join(', ')}.`,
    `- Result: **${held} of ${checks.length} checks held**${missing.length ? `; not run: ${missing.join(', ')}` : ''}; ${fmtMs(total)} in the checks themselves (files run one at a time; setup such as starting services comes on top).`,
    '',
    '| section | checks held | time in checks |',
    '|---|---|---|',
    ...sections.map((s) => `| ${s.title} | ${s.checks.filter((c) => c.ok).length} of ${s.checks.length} | ${fmtMs(inChecks(s))} |`),
    '',
  ];
  for (const s of sections) {
    lines.push(`## ${s.title}`, '', s.intro, '');
    for (const c of s.checks) {
      lines.push(`### ${c.ok ? '✔' : '✖ FAILED:'} ${c.name} (${fmtMs(c.ms)})`, '');
      if (c.error) lines.push(`> ${cell(c.error)}`, '');
      if (c.figures.length) {
        lines.push('| what | figure |', '|---|---|', ...c.figures.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`), '');
      }
    }
  }
  return lines.join('\n');
}

test('write docs/reliability.md from the figures of this run', { timeout: 30 * 60_000 }, async (t) => {
  const { sections, missing } = await collect();
  if (!sections.length) {
    t.skip('no other reliability file ran in this run: nothing to report');
    return;
  }
  writeFileSync(OUT, render(sections, missing));
  t.diagnostic(`wrote ${OUT}: ${sections.length} sections`);
});
