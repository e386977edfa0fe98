// Runs every compiled test file with node's test runner. Test files are found from the
// TypeScript sources so that stale compiled files in dist/ never run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const groups = process.argv.slice(2).length ? process.argv.slice(2) : ['unit', 'e2e', 'browser'];
const files = [];
for (const group of groups) {
  let entries = [];
  try {
    entries = readdirSync(path.join(root, 'tests', group), { recursive: true });
  } catch {
    continue;
  }
  for (const rel of entries.sort()) {
    if (/\.test\.tsx?$/.test(rel)) files.push(path.join(root, 'dist/tests', group, rel.replace(/\.tsx?$/, '.js')));
  }
}
if (files.length === 0) {
  console.error('No test files found.');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-reporter=spec', ...files], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
