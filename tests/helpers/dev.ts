import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './net.js';
import { cliPath } from './project.js';

/** A running `dateline dev`, with what it has printed so far. */
export interface DevProcess {
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  log: { stdout: string; stderr: string };
}

/** Starts `dateline dev` on a free port in `root` (its clock set to `now`), with any further flags. */
export async function startDev(root: string, now = '2025-06-01T00:00:00Z', flags: string[] = []): Promise<DevProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [cliPath, 'dev', '--port', String(port), '--host', '127.0.0.1', '--now', now, ...flags], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', GITHUB_ACTIONS: '' },
  });
  const log = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d) => (log.stdout += d));
  child.stderr!.on('data', (d) => (log.stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { port, child, exited, log };
}
