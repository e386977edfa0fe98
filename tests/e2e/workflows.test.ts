import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { spawn } from 'node:child_process';
import { article, cliPath, makeSite, removeSite, repoRoot, runCli } from '../helpers/project.js';

interface Workflow {
  jobs: Record<string, { steps: { run?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, unknown> }[]; strategy?: { matrix?: Record<string, unknown[]> } }>;
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

test('publish.yml with keep-going deploys a build that held stories back, then fails the run', async () => {
  const wf = parseYaml(await fs.readFile(path.join(repoRoot, '.github/workflows/publish.yml'), 'utf8')) as {
    on: { workflow_dispatch: { inputs: Record<string, { type: string }> } };
    jobs: { publish: { steps: { id?: string; name?: string; run?: string; if?: string; env?: Record<string, string> }[] } };
  };
  assert.equal(wf.on.workflow_dispatch.inputs.keep_going?.type, 'boolean');
  const steps = wf.jobs.publish.steps;
  const build = steps.find((s) => s.id === 'build')!;
  assert.match(build.env!.KEEP_GOING!, /inputs\.keep_going \|\| vars\.DATELINE_KEEP_GOING == 'true'/);
  const names = steps.map((s) => s.name ?? '');
  const fail = steps.find((s) => s.if === "steps.build.outputs.held_back == 'true'");
  assert.ok(fail && names.indexOf(fail.name!) > names.indexOf('Deploy'), 'the run fails after the deploy');

  // The Build step's script, run as Actions runs it (bash -e), with `npx dateline` being this checkout's CLI.
  const root = await makeSite({
    'content/articles/2025/05/fine/index.md': article(),
    'content/articles/2025/05/broken/index.md': article({ date: 'soon' }),
  });
  try {
    const bin = path.join(root, 'bin');
    await fs.mkdir(bin);
    await fs.writeFile(path.join(bin, 'npx'), `#!/bin/sh\nshift\nexec "${process.execPath}" "${cliPath}" "$@"\n`, { mode: 0o755 });
    const run = async (keepGoing: string) => {
      const output = path.join(root, `output-${keepGoing}`);
      await fs.writeFile(output, '');
      const code = await new Promise<number>((resolve) => {
        const child = spawn('bash', ['-e', '-c', build.run!], { cwd: root, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, KEEP_GOING: keepGoing, GITHUB_OUTPUT: output, NO_COLOR: '1' }, stdio: 'ignore' });
        child.on('close', (c) => resolve(c ?? -1));
      });
      return { code, output: await fs.readFile(output, 'utf8') };
    };
    assert.deepEqual(await run('false'), { code: 1, output: '' });
    assert.deepEqual(await run('true'), { code: 0, output: 'held_back=true\n' });
    await fs.access(path.join(root, '_site/politics/2025/05/fine/index.html'));
  } finally {
    await removeSite(root);
  }
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

test('check.yml and publish.yml run the URL guard against the live manifest, and publish keeps the previous output', async () => {
  const dir = path.join(repoRoot, '.github/workflows');
  const runs = async (file: string) => {
    const wf = parseYaml(await fs.readFile(path.join(dir, file), 'utf8')) as Workflow;
    return Object.values(wf.jobs).flatMap((j) => j.steps);
  };
  // GitHub evaluates `vars.SITE_URL && format(…) || ''`: with the variable set, the flag names the live manifest.
  const evaluate = (run: string, siteUrl: string) =>
    run.replace(/\$\{\{ vars\.SITE_URL && format\('([^']*)', vars\.SITE_URL\) \|\| '' \}\}/g, (_, f: string) => (siteUrl ? f.replace('{0}', siteUrl) : ''));
  const check = (await runs('check.yml')).find((s) => /npx dateline check/.test(s.run ?? ''))!;
  const publishSteps = await runs('publish.yml');
  const build = publishSteps.find((s) => /npx dateline build/.test(s.run ?? ''))!;
  // publish.yml passes it through the step's AGAINST variable (its script runs under bash).
  const commands = (step: { run?: string; env?: Record<string, unknown> }) => (step.run ?? '').replace(/\$AGAINST\b/g, String(step.env?.AGAINST ?? ''));
  for (const step of [check, build]) {
    assert.match(evaluate(commands(step), 'https://news.example'), /--against https:\/\/news\.example\/\.dateline\/manifest\.json/);
    assert.doesNotMatch(evaluate(commands(step), ''), /--against/, 'without SITE_URL the flag is left out, not given an empty value');
  }
  const cache = publishSteps.find((s) => s.uses?.startsWith('actions/cache'))!;
  assert.match(String(cache.with?.path), /^_site$/m, 'the previous output is restored, so the guard has it even without SITE_URL');
  const order = publishSteps.map((s) => (s.run ?? '').match(/npx dateline (build|deploy)/)?.[1]).filter(Boolean);
  assert.deepEqual(order, ['build', 'deploy'], 'deploy --delete runs only after the guarded build');
});
