import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Wall, CPU and peak memory of one command, measured by GNU time. */
export interface Measurement {
  wall: number;
  cpu: number;
  rssMB: number;
}

/** Runs a command under /usr/bin/time (Debian package `time`) and returns what it measured. */
export function measure(cmd: string, args: string[], cwd: string, env?: Record<string, string>): Measurement {
  if (!existsSync('/usr/bin/time')) throw new Error('The benchmark needs GNU time: apt-get install time');
  const r = spawnSync('/usr/bin/time', ['-f', 'DATELINE_TIME %e %U %S %M', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...(env ? { env: { ...process.env, ...env } } : {}) });
  const line = r.stderr.split('\n').find((l) => l.startsWith('DATELINE_TIME'));
  if (r.status !== 0 || !line) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const [, wall, user, sys, rss] = line.split(' ');
  return { wall: Number(wall), cpu: Number(user) + Number(sys), rssMB: Number(rss) / 1024 };
}
