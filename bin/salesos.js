#!/usr/bin/env -S node --max-semi-space-size=64
// The `salesos` command. The sources are TypeScript, run through tsx's loader (no build step).
// --max-semi-space-size=64 (also in `npm start`): a young generation big enough that an event's
// objects die young while its deliveries run; with Node's default, they were promoted and the
// old-generation collections that followed every few seconds stalled deliveries for 50-180 ms
// (docs/operations.md).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
