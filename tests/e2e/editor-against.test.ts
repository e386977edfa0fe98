import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { article, makeSite, removeSite, runCli } from '../helpers/project.js';

const OLD = 'content/articles/2025/05/budget-vote/index.md';
const OLD_URL = '/politics/2025/05/budget-vote/';
const NEW = 'content/articles/2025/05/parliament-passes-budget-vote/index.md';
const NEW_URL = '/politics/2025/05/parliament-passes-budget-vote/';
const OTHER = 'content/articles/2025/04/fuel-prices-rise/index.md';

test('check --against fails for a renamed article until redirectFrom covers the old URL', async () => {
  const root = await makeSite({
    [OLD]: article(),
    [OTHER]: article({ title: 'Fuel prices rise', date: '2025-04-02T09:00:00+03:00', section: 'economy' }),
  });
  try {
    const first = await runCli(['build', '--now', '2025-06-01T00:00:00Z'], { cwd: root });
    assert.equal(first.code, 0, first.stderr);
    const manifest = path.join(root, 'previous-manifest.json');
    await fs.copyFile(path.join(root, '_site/.dateline/manifest.json'), manifest);
    assert.ok((JSON.parse(await fs.readFile(manifest, 'utf8')) as { urls: string[] }).urls.includes(OLD_URL));

    // The editor renames the bundle folder (the slug), edits the story and forgets the redirect.
    // (A rename alone keeps the file's bytes: the guard then adds the redirect itself, see url-guard.test.ts.)
    await fs.mkdir(path.dirname(path.join(root, NEW)), { recursive: true });
    await fs.rename(path.dirname(path.join(root, OLD)), path.dirname(path.join(root, NEW)));
    await fs.appendFile(path.join(root, NEW), 'A second paragraph.\n');
    const broken = await runCli(['check', '--now', '2025-06-01T00:00:00Z', '--against', 'previous-manifest.json'], { cwd: root });
    assert.equal(broken.code, 1, broken.stderr);
    assert.match(broken.stderr, new RegExp(`^${NEW.replace(/\//g, '\\/')}$`, 'm'), 'reported in the renamed article, where the fix goes');
    assert.match(broken.stderr, /1:1\s+error\s+\/politics\/2025\/05\/budget-vote\/ was published by the previous build but is now neither a page nor a redirect\. It looks like it moved to \/politics\/2025\/05\/parliament-passes-budget-vote\/ .*site:removed-url/);
    assert.match(broken.stderr, /Add `redirectFrom: \[\/politics\/2025\/05\/budget-vote\/\]`/);

    // A text list of full URLs works the same way; an unknown URL is reported at its line.
    const list = path.join(root, 'urls.txt');
    await fs.writeFile(list, `# live URLs\nhttps://test.example${OLD_URL}\nhttps://test.example/politics/2024/01/never-existed/\n`);
    const fromList = await runCli(['check', '--now', '2025-06-01T00:00:00Z', '--against', 'urls.txt'], { cwd: root });
    assert.equal(fromList.code, 1);
    assert.match(fromList.stderr, /^urls\.txt$/m);
    assert.match(fromList.stderr, /3:1\s+error\s+\/politics\/2024\/01\/never-existed\/ was published .* no article looks like its new home\.\s+site:removed-url/);

    const text = await fs.readFile(path.join(root, NEW), 'utf8');
    await fs.writeFile(path.join(root, NEW), text.replace('section: politics', `section: politics\nredirectFrom: [${OLD_URL}]`));
    await fs.writeFile(list, `https://test.example${OLD_URL}\n`);
    for (const against of ['previous-manifest.json', 'urls.txt']) {
      const fixed = await runCli(['check', '--now', '2025-06-01T00:00:00Z', '--against', against], { cwd: root });
      assert.equal(fixed.code, 0, fixed.stderr);
      assert.doesNotMatch(fixed.stderr, /site:removed-url/);
    }

    const rebuilt = await runCli(['build', '--now', '2025-06-01T00:00:00Z'], { cwd: root });
    assert.equal(rebuilt.code, 0, rebuilt.stderr);
    const redirect = await fs.readFile(path.join(root, '_site', OLD_URL, 'index.html'), 'utf8');
    assert.match(redirect, /rel="?canonical/i);
    assert.ok(redirect.includes(`https://test.example${NEW_URL}`), redirect);
    assert.match(redirect, /http-equiv="?refresh/i);
    const redirects = await fs.readFile(path.join(root, '_site/_redirects'), 'utf8');
    assert.match(redirects, new RegExp(`^${OLD_URL}\\s+${NEW_URL}\\s+301$`, 'm'));
  } finally {
    await removeSite(root);
  }
});

test('check --against with a file that cannot be read is a usage error', async () => {
  const root = await makeSite({ [OLD]: article() });
  try {
    const r = await runCli(['check', '--against', 'missing.json'], { cwd: root });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--against names missing\.json, which cannot be read/);
  } finally {
    await removeSite(root);
  }
});
