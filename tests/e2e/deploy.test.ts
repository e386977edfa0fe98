import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { buildSample, repoRoot, runCli } from '../helpers/project.js';
import { deploy, readManifest, urlOfFile, type DeployTarget } from '../../src/deploy/index.js';
import { s3Target } from '../../src/deploy/targets/s3.js';

const BUCKET = 'news';
let server: S3rver;
let endpoint: string;
let s3: S3Client;
let work: string;
let site: string;
const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };

before(async () => {
  Object.assign(process.env, env);
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'dateline-deploy-'));
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(work, 's3'), configureBuckets: [{ name: BUCKET, configs: [] }] });
  const { port } = (await server.run()) as { port: number };
  endpoint = `http://127.0.0.1:${port}`;
  s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  // A copy of the content, so articles can be edited and removed.
  await fs.cp(path.join(repoRoot, 'content'), path.join(work, 'content'), { recursive: true });
  site = (await buildSample({ root: work })).out;
});

after(async () => {
  await server.close();
  await fs.rm(work, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli(['deploy', site, '--bucket', BUCKET, '--endpoint', endpoint, '--purge-file', path.join(work, 'purge.json'), '--base-url', 'https://levantledger.example', '--cache-dir', path.join(work, 'deploy-cache'), ...args], { cwd: repoRoot, env });

async function listing(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: token }));
    for (const o of page.Contents ?? []) out.set(o.Key!, o.ETag!);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}

async function rebuild(): Promise<void> {
  const fresh = (await buildSample({ root: work })).out;
  await fs.rm(site, { recursive: true, force: true });
  await fs.rename(fresh, site);
}

test('first deploy uploads every file with its content type and cache headers', async () => {
  const r = await cli([]);
  assert.equal(r.code, 0, r.stderr);
  const manifest = await readManifest(path.join(site, '.dateline/manifest.json'));
  const files = Object.keys(manifest.files);
  assert.match(r.stdout, new RegExp(`Uploaded ${files.length} files \\([\\d.]+ MB\\), 0 unchanged, 0 deleted`));
  const objects = await listing();
  for (const f of files) assert.ok(objects.has(f), `missing ${f}`);
  const expect: [RegExp, string, RegExp][] = [
    [/^index\.html$/, 'text/html; charset=utf-8', /max-age=60, must-revalidate/],
    [/^css\/site\.css$/, 'text/css; charset=utf-8', /max-age=3600/],
    [/^media\/.*\.avif$/, 'image/avif', /immutable/],
    [/^media\/.*\.webp$/, 'image/webp', /immutable/],
    [/^media\/.*\.jpg$/, 'image/jpeg', /immutable/],
    [/^feed\.xml$/, 'application/rss+xml; charset=utf-8', /must-revalidate/],
    [/^atom\.xml$/, 'application/atom+xml; charset=utf-8', /must-revalidate/],
    [/^feed\.json$/, 'application/feed+json; charset=utf-8', /must-revalidate/],
    [/^sitemap\.xml$/, 'application/xml; charset=utf-8', /must-revalidate/],
    [/^robots\.txt$/, 'text/plain; charset=utf-8', /must-revalidate/],
    [/^favicon\.svg$/, 'image/svg+xml', /max-age=3600/],
    [/^pagefind\/.*\.pf_meta$/, 'application/octet-stream', /immutable/],
    [/^pagefind\/wasm\.en\.pagefind$/, 'application/octet-stream', /max-age=3600/],
  ];
  for (const [re, type, cache] of expect) {
    const key = files.find((f) => re.test(f));
    assert.ok(key, `no file matches ${re}`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    assert.equal(head.ContentType, type, key);
    assert.match(head.CacheControl ?? '', cache, key);
    assert.equal(head.Metadata?.sha256, manifest.files[key]!.hash);
  }
  const redirect = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'business/2019/11/beirut-prices/index.html' }));
  assert.equal(redirect.WebsiteRedirectLocation, '/economy/2019/11/beirut-shoppers-feel-the-lira-slide/');
});

test('a second deploy with nothing changed uploads nothing', async () => {
  const r = await cli([]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Uploaded 0 files \(0\.0 MB\), \d+ unchanged, 0 deleted; purge list: 0 URLs/);
});

test('editing one article uploads its page and the lists and feeds it appears in, and purges exactly those', async () => {
  const before = await readManifest(path.join(site, '.dateline/manifest.json'));
  const file = path.join(work, 'content/articles/2021/06/amman-bookshop-keeps-its-doors-open/index.md');
  await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace(/\n\n([A-Z])/, '\n\nA sentence added in an edit. $1'));
  await rebuild();
  const after = await readManifest(path.join(site, '.dateline/manifest.json'));
  const changed = Object.keys(after.files).filter((f) => before.files[f]?.hash !== after.files[f]!.hash);
  assert.ok(changed.includes('culture/2021/06/amman-bookshop-keeps-its-doors-open/index.html'));
  assert.ok(changed.every((f) => !f.startsWith('media/')), 'no photo changed');
  const r = await cli([]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`Uploaded ${changed.length} files`));
  const purge = JSON.parse(await fs.readFile(path.join(work, 'purge.json'), 'utf8')) as { urls: string[] };
  const expected = changed.filter((f) => !f.startsWith('pagefind/') && !f.startsWith('.dateline/')).map((f) => 'https://levantledger.example' + urlOfFile(f)).sort();
  assert.deepEqual(purge.urls, expected);
  assert.ok(purge.urls.includes('https://levantledger.example/culture/2021/06/amman-bookshop-keeps-its-doors-open/'));
  assert.ok(purge.urls.includes('https://levantledger.example/feed.xml'));
});

test('--dry-run changes nothing, and --max-deletes refuses a plan that deletes too much', async () => {
  await fs.rm(path.join(work, 'content/articles/2021/06/amman-bookshop-keeps-its-doors-open'), { recursive: true });
  await rebuild();
  const before = await listing();
  const dry = await cli(['--dry-run', '--delete']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /Would upload \d+ files .* \d+ to delete/);
  assert.deepEqual(await listing(), before);
  const refused = await cli(['--delete', '--max-deletes', '1']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /would delete \d+ objects, more than the limit of 1; nothing was changed/);
  assert.deepEqual(await listing(), before);
  const ok = await cli(['--delete', '--max-deletes', '200']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.ok(!(await listing()).has('culture/2021/06/amman-bookshop-keeps-its-doors-open/index.html'));
});

test('a deploy interrupted halfway converges when run again', async () => {
  const file = path.join(work, 'content/articles/2019/11/beirut-shoppers-feel-the-lira-slide/index.md');
  await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace(/\n\n([A-Z])/, '\n\nAnother edited sentence. $1'));
  await rebuild();
  const real = s3Target({ bucket: BUCKET, endpoint });
  let puts = 0;
  const flaky: DeployTarget = { ...real, put: async (k, b, o) => { if (++puts > 3) throw new Error('connection reset'); return real.put(k, b, o); } };
  await assert.rejects(deploy({ dir: site, bucket: BUCKET, target: flaky }), /connection reset/);
  const again = await deploy({ dir: site, bucket: BUCKET, endpoint });
  assert.ok(again.uploaded.length > 0);
  const manifest = await readManifest(path.join(site, '.dateline/manifest.json'));
  for (const [key, { hash }] of Object.entries(manifest.files)) {
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    assert.equal(head.Metadata?.sha256, hash, key);
  }
  const third = await deploy({ dir: site, bucket: BUCKET, endpoint });
  assert.equal(third.uploaded.length, 0);
});

test('without the bucket manifest, objects are verified by their stored hashes', async () => {
  const real = s3Target({ bucket: BUCKET, endpoint });
  await real.delete(['.dateline/manifest.json']);
  const r = await deploy({ dir: site, bucket: BUCKET, endpoint });
  assert.equal(r.uploaded.length, 0);
});

test('the published bucket serves every page with nothing missing', async () => {
  const mirror = path.join(work, 'mirror');
  for (const key of (await listing()).keys()) {
    const obj = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const dest = path.join(mirror, key);
    await fs.mkdir(path.dirname(dest), { recursive: true });
    await fs.writeFile(dest, Buffer.from(await obj.Body!.transformToByteArray()));
  }
  const srv = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    if (p.endsWith('/')) p += 'index.html';
    fs.readFile(path.join(mirror, p)).then((d) => res.end(d), () => { res.statusCode = 404; res.end(); });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(srv.address() as { port: number }).port}`;
  try {
    const pages = [...(await listing()).keys()].filter((k) => k.endsWith('.html'));
    const refs = new Set<string>();
    for (const p of pages) {
      const html = await fs.readFile(path.join(mirror, p), 'utf8');
      for (const m of html.matchAll(/(?:href|src)="(\/[^"#?]*)"/g)) refs.add(m[1]!);
      for (const m of html.matchAll(/srcset="([^"]*)"/g)) for (const part of m[1]!.split(',')) refs.add(part.trim().split(' ')[0]!);
    }
    assert.ok(refs.size > 50);
    const missing: string[] = [];
    for (const ref of refs) {
      if (ref.startsWith('/pagefind/') && !ref.endsWith('.js') && !ref.endsWith('.css')) continue;
      const res = await fetch(base + ref);
      if (res.status !== 200) missing.push(`${res.status} ${ref}`);
    }
    assert.deepEqual(missing, []);
  } finally {
    srv.close();
  }
});

test('a dry run plans offline: against the record of the last deploy, or as a first deploy with neither record nor bucket', async () => {
  // The record written by the last deploy is enough: a target that fails every request is never used.
  const unreachable: DeployTarget = {
    list: () => Promise.reject(new Error('unreachable')),
    sha256Of: () => Promise.reject(new Error('unreachable')),
    put: () => Promise.reject(new Error('unreachable')),
    delete: () => Promise.reject(new Error('unreachable')),
    getText: () => Promise.reject(new Error('unreachable')),
  };
  const deployed = await cli([]);
  assert.equal(deployed.code, 0, deployed.stderr);
  const planned = await deploy({ dir: site, bucket: BUCKET, endpoint, dryRun: true, target: unreachable, recordDir: path.join(work, 'deploy-cache/deploys') });
  assert.equal(planned.compared.with, 'record');
  assert.deepEqual(planned.uploaded, [], 'the last deploy uploaded this very build');
  // No record for this endpoint and no credentials: the plan is a first deploy, and says why.
  const offline = await runCli(['deploy', site, '--bucket', BUCKET, '--endpoint', 'http://127.0.0.1:9', '--dry-run', '--cache-dir', path.join(work, 'empty-cache')], {
    cwd: repoRoot,
    env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: 'dateline-no-such-profile', AWS_REGION: 'us-east-1' },
  });
  assert.equal(offline.code, 0, offline.stderr);
  const files = Object.keys((await readManifest(path.join(site, '.dateline/manifest.json'))).files).length;
  assert.match(offline.stdout, new RegExp(`Would upload ${files} files`));
  assert.match(offline.stdout, /No record of a deploy to news on this machine, and the bucket could not be reached \(.+\): planned as a first deploy/);
});

test('deploy notices files changed in _site after the build and uploads them as they are', async () => {
  const edited = 'culture/index.html';
  await fs.appendFile(path.join(site, edited), '<!-- edited after the build -->\n');
  await fs.writeFile(path.join(site, 'extra-notice.txt'), 'added by another tool\n');
  await fs.rm(path.join(site, 'robots.txt'));
  const r = await cli([]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /was changed after its build: 1 edited, 1 added, 1 removed; deploying the files as they are now/);
  assert.match(r.stdout, /edited +culture\/index\.html/);
  const body = await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: edited }))).Body!.transformToString();
  assert.match(body, /edited after the build/);
  assert.ok((await listing()).has('extra-notice.txt'));
  const remote = JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: '.dateline/manifest.json' }))).Body!.transformToString()) as { files: Record<string, unknown> };
  assert.ok(remote.files['extra-notice.txt'] && !remote.files['robots.txt'], 'the bucket manifest describes what was uploaded');
});
