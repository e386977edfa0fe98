import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { renderMarkdown } from '../../src/markdown/index.js';
import { repoRoot } from '../helpers/project.js';

/** Plugin folders under tests/fixtures that hold Markdown cases (each case: input.md, output.html, messages.txt). */
const PLUGINS = (await fs.readdir(path.join(repoRoot, 'tests/fixtures'))).filter((d) => /^(remark|rehype)-|^render$/.test(d)).sort();
const update = process.env.UPDATE === '1';

for (const plugin of PLUGINS) {
  const dir = path.join(repoRoot, 'tests/fixtures', plugin);
  if (!existsSync(dir)) continue;
  for (const name of (await fs.readdir(dir)).sort()) {
    if (!existsSync(path.join(dir, name, 'input.md'))) continue;
    test(`${plugin}: ${name}`, async () => {
      const caseDir = path.join(dir, name);
      const body = await fs.readFile(path.join(caseDir, 'input.md'), 'utf8');
      const options = existsSync(path.join(caseDir, 'options.json')) ? (JSON.parse(await fs.readFile(path.join(caseDir, 'options.json'), 'utf8')) as { lang?: string }) : {};
      const r = renderMarkdown({ file: 'input.md', body, bodyLine: 1, lang: options.lang ?? 'en', wordsPerMinute: 200 });
      const html = (r.teaserHtml !== undefined ? `<!-- teaser -->\n${r.teaserHtml}\n<!-- /teaser -->\n` : '') + r.html.trim() + '\n';
      const messages = r.diagnostics.map((d) => `${d.position?.line ?? 0}:${d.position?.column ?? 0} ${d.ruleId}`).join('\n') + (r.diagnostics.length ? '\n' : '');
      if (update) {
        await fs.writeFile(path.join(caseDir, 'output.html'), html);
        await fs.writeFile(path.join(caseDir, 'messages.txt'), messages);
        return;
      }
      assert.equal(html, await fs.readFile(path.join(caseDir, 'output.html'), 'utf8'));
      const expected = existsSync(path.join(caseDir, 'messages.txt')) ? await fs.readFile(path.join(caseDir, 'messages.txt'), 'utf8') : '';
      assert.equal(messages, expected);
    });
  }
}
