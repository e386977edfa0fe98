import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import pc from 'picocolors';
import { packageRoot } from '../../util/paths.js';
import { localIsoMinute } from './new.js';

/** The files of a new publication's repository, by path: a site, one author, one story. */
export function starterFiles(name: string, now: number, dependency: string): Record<string, string> {
  const date = localIsoMinute(now, 'UTC');
  const title = name.replace(/[-_]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
  return {
    'package.json': JSON.stringify({ name, private: true, scripts: { build: 'dateline build', check: 'dateline check', dev: 'dateline dev' }, dependencies: { dateline: dependency } }, null, 2) + '\n',
    '.gitignore': 'node_modules/\n_site/\n.cache/\n',
    'content/site.yaml': [
      `name: ${JSON.stringify(title)}`,
      'description: News from our newsroom.',
      'baseUrl: https://news.example',
      'language: en',
      'languages:',
      '  - { code: en, name: English, locale: en-GB }',
      'timezone: UTC',
      'sections:',
      '  - id: news',
      '    title: News',
      '',
    ].join('\n'),
    'content/authors/editor.yaml': 'name: The Editor\nrole: Editor\n',
    [`content/articles/${date.slice(0, 4)}/${date.slice(5, 7)}/welcome/index.md`]: [
      '---',
      'title: Welcome to the newsroom',
      'summary: The first story of the site, to replace with your own.',
      `date: ${date}`,
      'authors: [editor]',
      'section: news',
      '---',
      '',
      'This is the first story. Start the next one with `npx dateline new "Headline" --section news --author editor`,',
      'preview it with `npx dateline dev`, and check everything with `npx dateline check`.',
      '',
    ].join('\n'),
  };
}

/**
 * How the new repository's package.json names dateline: as the package.json of the folder that
 * installed the running copy names it (`npm install <spec>`, or npx's own folder for
 * `npx --package <spec>`), a `file:` path made relative to the new folder; else the running copy's folder.
 */
export function installedSpec(pkg: string, target: string): string {
  if (path.basename(path.dirname(pkg)) === 'node_modules') {
    const owner = path.dirname(path.dirname(pkg));
    let spec: unknown;
    try {
      spec = (JSON.parse(readFileSync(path.join(owner, 'package.json'), 'utf8')) as { dependencies?: Record<string, unknown> }).dependencies?.dateline;
    } catch {
      // no readable package.json: fall back to the folder itself
    }
    if (typeof spec === 'string' && spec.startsWith('file:')) return 'file:' + path.relative(target, path.resolve(owner, spec.slice(5))).split(path.sep).join('/');
    if (typeof spec === 'string' && spec) return spec;
  }
  return `file:${pkg}`;
}

/** What `npm install <dateline>` leaves in a folder (and `git init`): init may start a publication there. */
const INSTALLED = new Set(['package.json', 'package-lock.json', 'node_modules', '.git']);

type PackageJson = { scripts?: Record<string, string>; dependencies?: Record<string, string> } & Record<string, unknown>;

/** The starter package.json merged into one `npm install` wrote: its fields kept, dateline's scripts and dependency added. */
export function mergePackageJson(starter: PackageJson, existing: PackageJson, dateline: string | undefined): PackageJson {
  const dependencies = { ...existing.dependencies };
  if (dateline || !dependencies.dateline) dependencies.dateline = dateline ?? starter.dependencies!.dateline!;
  return { ...starter, ...existing, scripts: { ...starter.scripts, ...existing.scripts }, dependencies };
}

/** `dateline init <folder>`: a new publication's repository, with dateline as a dependency; never overwrites. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description("start a new publication's repository: site.yaml, one author, one story, the GitHub workflows, and dateline as a dependency")
    .argument('<folder>', 'the folder to start it in: a new or empty one, or one where dateline was just installed with npm install')
    .option('--dateline <spec>', 'how package.json names dateline: a git URL or a tarball URL/path (default: as the running copy was installed)')
    .action(async (folder: string, flags: { dateline?: string }) => {
      const root = path.resolve(folder);
      const existing = await fs.readdir(root).catch(() => [] as string[]);
      if (existing.some((name) => !INSTALLED.has(name))) {
        process.stderr.write(`${folder} already has files; nothing was written. Choose a new folder name (or one holding only what npm install wrote).\n`);
        process.exitCode = 1;
        return;
      }
      let installed: PackageJson | undefined;
      if (existing.includes('package.json')) {
        try {
          installed = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8')) as PackageJson;
        } catch (err) {
          process.stderr.write(`${folder}/package.json cannot be read (${(err as Error).message}); nothing was written.\n`);
          process.exitCode = 1;
          return;
        }
      }
      const pkg = packageRoot();
      const name = path.basename(root).toLowerCase().replace(/[^a-z0-9-]+/g, '-');
      const files = starterFiles(name, Date.now(), flags.dateline ?? installed?.dependencies?.dateline ?? installedSpec(pkg, root));
      for (const workflow of ['check.yml', 'publish.yml']) {
        files[`.github/workflows/${workflow}`] = await fs.readFile(path.join(pkg, '.github/workflows', workflow), 'utf8');
      }
      const merged = installed && mergePackageJson(JSON.parse(files['package.json']!) as PackageJson, installed, flags.dateline);
      if (merged) delete files['package.json'];
      for (const [rel, text] of Object.entries(files)) {
        await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
        await fs.writeFile(path.join(root, rel), text, { flag: 'wx' });
      }
      if (merged) await fs.writeFile(path.join(root, 'package.json'), JSON.stringify(merged, null, 2) + '\n');
      const count = Object.keys(files).length;
      process.stdout.write(pc.green(merged ? `Started ${folder}/: ${count} files written, dateline's scripts added to package.json.` : `Created ${folder}/ with ${count} files.`) + '\n');
      const ready = existing.includes('node_modules') && !flags.dateline;
      process.stdout.write(`Next: cd ${folder} && ${ready ? '' : 'npm install && '}npx dateline build\n`);
    });
}
