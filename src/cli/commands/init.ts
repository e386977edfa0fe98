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

/** `dateline init <folder>`: a new publication's repository, with dateline as a dependency; never overwrites. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description("start a new publication's repository: site.yaml, one author, one story, the GitHub workflows, and dateline as a dependency")
    .argument('<folder>', 'the folder to create (it must not exist, or be empty)')
    .option('--dateline <spec>', 'how package.json names dateline: a git URL or a tarball URL/path (default: as the running copy was installed)')
    .action(async (folder: string, flags: { dateline?: string }) => {
      const root = path.resolve(folder);
      const existing = await fs.readdir(root).catch(() => [] as string[]);
      if (existing.length) {
        process.stderr.write(`${folder} already exists and is not empty; nothing was written. Choose a new folder name.\n`);
        process.exitCode = 1;
        return;
      }
      const pkg = packageRoot();
      const files = starterFiles(path.basename(root).toLowerCase().replace(/[^a-z0-9-]+/g, '-'), Date.now(), flags.dateline ?? installedSpec(pkg, root));
      for (const workflow of ['check.yml', 'publish.yml']) {
        files[`.github/workflows/${workflow}`] = await fs.readFile(path.join(pkg, '.github/workflows', workflow), 'utf8');
      }
      for (const [rel, text] of Object.entries(files)) {
        await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
        await fs.writeFile(path.join(root, rel), text, { flag: 'wx' });
      }
      process.stdout.write(pc.green(`Created ${folder}/ with ${Object.keys(files).length} files.`) + '\n');
      process.stdout.write(`Next: cd ${folder} && npm install && npx dateline build\n`);
    });
}
