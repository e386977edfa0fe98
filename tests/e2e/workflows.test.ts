import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { repoRoot, runCli } from '../helpers/project.js';

interface Workflow {
  jobs: Record<string, { steps: { run?: string; uses?: string; with?: Record<string, unknown> }[]; strategy?: { matrix?: Record<string, unknown[]> } }>;
}

test('every dateline command in the GitHub Actions workflows exists with the flags it is given', async () => {
  const dir = path.join(repoRoot, '.github/workflows');
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.yml'));
  assert.ok(files.includes('publish.yml') && files.includes('publish-sharded.yml'), files.join(', '));
  const helpOf = new Map<string, string>();
  let commands = 0;
  for (const file of files) {
    const wf = parseYaml(await fs.readFile(path.join(dir, file), 'utf8')) as Workflow;
    for (const job of Object.values(wf.jobs)) {
      for (const step of job.steps) {
        for (const m of (step.run ?? '').matchAll(/npx dateline ([a-z]+)([^\n]*)/g)) {
          const sub = m[1]!;
          if (!helpOf.has(sub)) {
            const r = await runCli([sub, '--help'], { cwd: repoRoot });
            assert.equal(r.code, 0, `${file}: dateline ${sub} is not a command:\n${r.stderr}`);
            helpOf.set(sub, r.stdout);
          }
          for (const flag of m[2]!.match(/--[a-z-]+/g) ?? []) assert.ok(helpOf.get(sub)!.includes(flag), `${file}: dateline ${sub} has no ${flag}`);
          commands++;
        }
      }
    }
  }
  assert.ok(commands >= 5, `${commands} commands checked`);
});

test('the workflows run on the Node.js versions package.json supports: 22 everywhere, 24 as well in check', async () => {
  const dir = path.join(repoRoot, '.github/workflows');
  const engines = (JSON.parse(await fs.readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  assert.equal(engines, '^22.12.0 || >=24.0.0');
  const seen = new Set<string>();
  for (const file of (await fs.readdir(dir)).filter((f) => f.endsWith('.yml'))) {
    const wf = parseYaml(await fs.readFile(path.join(dir, file), 'utf8')) as Workflow;
    for (const job of Object.values(wf.jobs)) {
      for (const step of job.steps.filter((s) => s.uses?.startsWith('actions/setup-node'))) {
        const wanted = String(step.with?.['node-version']);
        const versions = wanted === '${{ matrix.node }}' ? (job.strategy?.matrix?.node ?? []).map(String) : [wanted];
        for (const v of versions) {
          assert.ok(v === '22' || v === '24', `${file}: node-version ${v} is not a supported version`);
          seen.add(`${file}:${v}`);
        }
      }
    }
  }
  assert.ok(seen.has('publish.yml:22') && seen.has('check.yml:22') && seen.has('check.yml:24'), [...seen].join(', '));
});
