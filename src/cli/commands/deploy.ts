import { promises as fs } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Command } from 'commander';
import pc from 'picocolors';
import { UsageError } from '../../errors/types.js';

interface DeployFlags {
  bucket?: string;
  prefix?: string;
  region?: string;
  endpoint?: string;
  dryRun?: boolean;
  delete?: boolean;
  maxDeletes: string;
  concurrency: string;
  baseUrl?: string;
  purgeFile: string;
  purgeCommand?: string;
  cacheDir: string;
}

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

function positive(value: string, flag: string, min = 0): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number of at least ${min}; received "${value}".`);
  return n;
}

/** Says what another tool changed in the output folder since its build (deploy uploads what is there now). */
function printOutputChanges(dir: string, changes: { edited: string[]; added: string[]; removed: string[] }): void {
  const { edited, added, removed } = changes;
  if (!edited.length && !added.length && !removed.length) return;
  process.stdout.write(
    pc.yellow(`${dir} was changed after its build: ${edited.length} edited, ${added.length} added, ${removed.length} removed; deploying the files as they are now.`) + '\n',
  );
  const list = (label: string, files: string[]) => files.slice(0, 10).forEach((f) => process.stdout.write(`  ${label}  ${f}\n`));
  list('edited ', edited);
  list('added  ', added);
  list('removed', removed);
}

/** `dateline deploy [dir]`: publish the build to an S3-compatible bucket. */
export function registerDeploy(program: Command): void {
  program
    .command('deploy')
    .description('upload the build to an S3-compatible bucket: changed files only, assets before pages, then a purge list')
    .argument('[dir]', 'the built site', '_site')
    .option('--bucket <name>', 'bucket name (or DATELINE_BUCKET)')
    .option('--prefix <path>', 'key prefix inside the bucket')
    .option('--region <region>', 'bucket region (default: AWS_REGION or us-east-1)')
    .option('--endpoint <url>', 'endpoint of an S3-compatible service (path-style requests)')
    .option('--dry-run', 'print the plan and change nothing')
    .option('--delete', 'delete objects the build no longer has')
    .option('--max-deletes <n>', 'refuse a plan that deletes more objects than this', '50')
    .option('--concurrency <n>', 'uploads at once', '8')
    .option('--base-url <url>', 'absolute URLs in the purge list')
    .option('--purge-file <file>', 'where to write the purge list (JSON)', '.cache/purge.json')
    .option('--purge-command <cmd>', 'run after a deploy with the purge list file as $1')
    .option('--cache-dir <dir>', 'where the record of the last deploy is kept (a dry run plans against it offline)', '.cache')
    .action(async (dir: string, flags: DeployFlags) => {
      const { deploy, DeployRefused } = await import('../../deploy/index.js');
      const bucket = flags.bucket ?? process.env.DATELINE_BUCKET;
      if (!bucket) throw new UsageError('deploy needs a bucket: pass --bucket <name> or set DATELINE_BUCKET.');
      if (flags.endpoint) {
        try {
          new URL(flags.endpoint);
        } catch {
          throw new UsageError(`--endpoint must be a URL such as https://s3.example.com; received "${flags.endpoint}".`);
        }
      }
      try {
        await fs.access(path.join(dir, '.dateline/manifest.json'));
      } catch {
        throw new UsageError(`${dir} has no .dateline/manifest.json: run \`dateline build\` first.`);
      }
      try {
        const r = await deploy({
          dir,
          bucket,
          ...(flags.prefix ? { prefix: flags.prefix } : {}),
          ...(flags.region ? { region: flags.region } : {}),
          ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
          ...(flags.baseUrl ? { baseUrl: flags.baseUrl } : {}),
          dryRun: flags.dryRun ?? false,
          delete: flags.delete ?? false,
          maxDeletes: positive(flags.maxDeletes, '--max-deletes'),
          concurrency: positive(flags.concurrency, '--concurrency', 1),
          recordDir: path.join(flags.cacheDir, 'deploys'),
        });
        printOutputChanges(dir, r.changes);
        if (r.compared.with === 'record') process.stdout.write(`Planned against the last deploy from this machine (${r.compared.at}); the bucket was not contacted.\n`);
        if (r.compared.with === 'nothing') {
          process.stdout.write(
            `No record of a deploy to ${bucket} on this machine, and the bucket could not be reached (${r.compared.reason}): planned as a first deploy. A dry run needs one of the two; a real deploy needs credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile).\n`,
          );
        }
        const verb = r.dryRun ? 'Would upload' : 'Uploaded';
        if (r.dryRun) for (const f of r.uploaded) process.stdout.write(`  upload  ${f}\n`);
        if (r.dryRun) for (const f of r.deleted) process.stdout.write(`  delete  ${f}\n`);
        if (!r.dryRun) {
          await fs.mkdir(path.dirname(flags.purgeFile), { recursive: true });
          await fs.writeFile(flags.purgeFile, JSON.stringify({ urls: r.purge }, null, 2) + '\n');
        }
        process.stdout.write(
          pc.green(`${verb} ${r.uploaded.length} files (${mb(r.bytes)}), ${r.unchanged} unchanged, ${r.deleted.length} ${r.dryRun ? 'to delete' : 'deleted'}; purge list: ${r.purge.length} URLs${r.dryRun ? '' : ` → ${flags.purgeFile}`}`) + '\n',
        );
        if (!r.dryRun && flags.purgeCommand && r.purge.length) {
          const run = spawnSync('sh', ['-c', flags.purgeCommand, 'purge', flags.purgeFile], { stdio: 'inherit' });
          if (run.status !== 0) {
            process.stderr.write(`The purge command exited with ${run.status}; the upload itself succeeded.\n`);
            process.exitCode = 1;
          }
        }
      } catch (err) {
        if (err instanceof DeployRefused) {
          process.stderr.write(err.message + '\n');
          process.exitCode = 1;
          return;
        }
        if (err instanceof UsageError) throw err;
        process.stderr.write(`The deploy failed: ${(err as Error).message}\nRun it again: files already uploaded are detected, and the bucket's manifest only changes once every upload succeeded.\n`);
        process.exitCode = 1;
      }
    });
}
