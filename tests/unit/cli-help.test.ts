import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { createProgram } from '../../src/cli/program.js';
import { repoRoot } from '../helpers/project.js';

/** The long flags listed under "Options:" in a command's `--help` (without --help itself). */
function helpFlags(cmd: Command): Set<string> {
  const options = cmd.helpInformation().split(/\n(?=\S)/).find((s) => s.startsWith('Options:')) ?? '';
  return new Set([...options.matchAll(/^ {2}(?:-\w, )?(--[a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((f) => f !== '--help'));
}

/** Every runnable command by its full name (`photos scrub`), as `--help` describes it. */
function commands(cmd: Command, prefix = ''): Map<string, Command> {
  const out = new Map<string, Command>();
  for (const sub of cmd.commands) {
    const name = `${prefix}${sub.name()}`;
    if (sub.commands.length) for (const [n, c] of commands(sub, `${name} `)) out.set(n, c);
    else out.set(name, sub);
  }
  return out;
}

/** The README's command table: command name → the flags its first column shows. */
function readmeTable(): Map<string, Set<string>> {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Commands'), readme.indexOf('\n## ', readme.indexOf('\n## Commands') + 1));
  const out = new Map<string, Set<string>>();
  for (const m of section.matchAll(/^\| `dateline ([^`]*)` \|/gm)) {
    const words = m[1]!.split(' ');
    const name = words.slice(0, words.findIndex((w) => !/^[a-z]+$/.test(w)) >>> 0).join(' ') || words.join(' ');
    out.set(name, new Set([...m[1]!.matchAll(/--[a-z][a-z-]*/g)].map((f) => f[0])));
  }
  return out;
}

test("every command's --help flags and the README's command table are the same set", () => {
  const cli = commands(createProgram());
  const table = readmeTable();
  assert.deepEqual([...table.keys()].sort(), [...cli.keys()].sort(), 'the same commands');
  for (const [name, cmd] of cli) {
    assert.deepEqual([...table.get(name)!].sort(), [...helpFlags(cmd)].sort(), `flags of dateline ${name}`);
  }
});
