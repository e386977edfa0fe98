import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { UsageError } from '../errors/types.js';
import { ColdInProcess } from '../util/budget.js';
import { registerBuild, registerCheck, registerMerge } from './commands/build.js';
import { registerNew } from './commands/new.js';
import { registerInit } from './commands/init.js';
import { registerScheduled } from './commands/scheduled.js';
import { registerDev } from './commands/dev.js';
import { registerMaintenance } from './commands/maintenance.js';
import { registerDeploy } from './commands/deploy.js';
import { registerUnpublish } from './commands/unpublish.js';
import { registerImport } from './commands/import.js';

const require = createRequire(import.meta.url);
const { version } = require('../../../package.json') as { version: string };

/** Builds the command-line program with every command registered. */
export function createProgram(): Command {
  const program = new Command('dateline')
    .description('A static site generator for newsrooms.')
    .version(version)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerBuild(program);
  registerCheck(program);
  registerMerge(program);
  registerNew(program);
  registerInit(program);
  registerScheduled(program);
  registerDev(program);
  registerMaintenance(program);
  registerDeploy(program);
  registerUnpublish(program);
  registerImport(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Runs the CLI and sets the exit code: 0 ok, 1 content or build errors, 2 bad flags or config. */
export async function main(argv: string[]): Promise<void> {
  try {
    await createProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      const ok = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help';
      if (!ok) process.stderr.write('Run `dateline --help` (or `dateline <command> --help`) to see every flag.\n');
      process.exitCode = ok ? 0 : 2;
    } else if (err instanceof ColdInProcess) {
      // A warm build in the command's own process found itself cold: src/cli/main.ts runs it in a budgeted child.
      throw err;
    } else if (err instanceof UsageError) {
      process.stderr.write(err.message + '\n');
      process.exitCode = 2;
    } else {
      process.stderr.write(`Internal error: ${(err as Error).message}\nThis is a bug in dateline; please report it with the command you ran${process.env.DEBUG ? '' : ' (set DEBUG=1 for the stack trace)'}.\n`);
      if (process.env.DEBUG) process.stderr.write(String((err as Error).stack) + '\n');
      process.exitCode = 1;
    }
  }
}

