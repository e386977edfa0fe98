import { test } from 'node:test';
import { randomIncrementalRun } from './incremental-random.js';

test('seed 2026: 32 random edits, each incremental build equals a clean build byte for byte', async () => {
  await randomIncrementalRun(2026, 32);
});
