import { test } from 'node:test';
import { randomIncrementalRun } from './incremental-random.js';

test('seed 2026: 32 random edits, each build in place (as dev writes its preview) equals a clean build byte for byte', async () => {
  await randomIncrementalRun(2026, 32, { inPlace: true });
});
