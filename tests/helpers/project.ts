import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding dateline's package.json). */
export const repoRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();

/** The compiled CLI entry point. */
export const cliPath = path.join(repoRoot, 'dist/src/cli/main.js');

/** The result of running the CLI. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `dateline <args>` in `cwd` and collects its output and exit code. */
export function runCli(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  return runCommand(process.execPath, [cliPath, ...args], options);
}

/** Runs any command and collects its output (no colours, no CI annotations). */
export function runCommand(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', GITHUB_ACTIONS: '', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A minimal valid site.yaml for test sites. */
export const testSiteYaml = `name: Test Times
baseUrl: https://test.example
language: en
languages:
  - { code: en, name: English, locale: en-GB }
  - { code: ar, name: العربية, locale: ar }
timezone: Asia/Amman
pageSize: 5
sections:
  - id: politics
    title: { en: Politics, ar: سياسة }
  - id: economy
    title: Economy
`;

/** Front matter + body of a valid article, with fields overridable line by line. */
export function article(fields: Record<string, string | null> = {}, body = 'Officials said on "Tuesday" that the vote would go ahead.\n'): string {
  const base: Record<string, string | null> = {
    title: 'Parliament passes the budget',
    summary: 'A narrow vote ends months of wrangling.',
    date: '2025-05-05T09:00:00+03:00',
    authors: '[jane-doe]',
    section: 'politics',
    ...fields,
  };
  const lines = Object.entries(base)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}: ${v}`);
  return `---\n${lines.join('\n')}\n---\n\n${body}`;
}

/** Writes a small site into a new temporary folder and returns its path. */
export async function makeSite(files: Record<string, string | Uint8Array> = {}, withDefaults = true): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-test-'));
  const all: Record<string, string | Uint8Array> = withDefaults
    ? {
        'content/site.yaml': testSiteYaml,
        'content/authors/jane-doe.yaml': 'name: Jane Doe\nrole: Reporter\n',
        ...files,
      }
    : files;
  for (const [rel, contents] of Object.entries(all)) {
    const file = path.join(root, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, contents);
  }
  return root;
}

/** Removes a temporary site. */
export async function removeSite(root: string): Promise<void> {
  await fs.rm(root, { recursive: true, force: true });
}

/** Sets the time of every file and folder under `dir` an hour back: what a stat pass then records is settled (not within a second of the pass). */
export async function backdate(dir: string): Promise<void> {
  const past = new Date(Date.now() - 3600_000);
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) await backdate(path.join(dir, e.name));
    else await fs.utimes(path.join(dir, e.name), past, past);
  }
  await fs.utimes(dir, past, past);
}

/** A photo and markdown cache shared by the tests that build the sample site (entries are written atomically). */
export const sharedCacheDir = path.join(os.tmpdir(), 'dateline-test-cache');

/** Builds the sample site (or a given root) into a new temporary folder; returns the output folder. */
export async function buildSample(options: { root?: string; now?: string } = {}): Promise<{ work: string; out: string }> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-build-'));
  const out = path.join(work, '_site');
  const r = await runCli(['build', '--root', options.root ?? repoRoot, '--out', out, '--cache-dir', sharedCacheDir, '--now', options.now ?? '2026-11-25T09:00:00+02:00'], { cwd: repoRoot });
  if (r.code !== 0) throw new Error(`build failed:\n${r.stderr}`);
  return { work, out };
}
