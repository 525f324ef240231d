#!/usr/bin/env -S node --max-semi-space-size=64
// The `salesos` command: the compiled program in dist/ (npm run build; `npm ci` and `npm start`
// build it). --max-semi-space-size=64 (also in `npm start`): a young generation big enough that
// an event's objects die young while its deliveries run; with Node's default, they were promoted
// and the old-generation collections that followed every few seconds stalled deliveries for
// 50-180 ms (docs/operations.md).
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('salesos: dist/ is missing: run `npm run build` (npm ci and npm start do it)\n');
  process.exit(1);
}
await import(main.href);
