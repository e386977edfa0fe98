import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import { MANIFEST_PATH, readManifest, type Manifest } from './manifest.js';
import { cacheControl, contentType, isDocument } from './headers.js';
import { s3Target } from './targets/s3.js';
import { DeployRefused, type DeployOptions, type DeployResult, type DeployTarget } from './types.js';
import { verifyOutput } from './verify.js';
import { readDeployRecord, writeDeployRecord } from './record.js';

export type * from './types.js';
export { DeployRefused } from './types.js';
export { writeManifest, readManifest, MANIFEST_PATH, type Manifest } from './manifest.js';

/** The site URL a file serves (`a/b/index.html` → `/a/b/`). */
export function urlOfFile(file: string): string {
  return '/' + file.replace(/(^|\/)index\.html$/, '$1');
}

/** What the bucket holds now, as path → SHA-256: from its manifest, or rebuilt from object metadata. */
async function remoteState(target: DeployTarget, local: Manifest, limit: ReturnType<typeof pLimit>): Promise<{ hashes: Map<string, string>; keys: string[] }> {
  const listing = await target.list();
  const keys = listing.map((o) => o.key).filter((k) => k !== MANIFEST_PATH);
  const hashes = new Map<string, string>();
  const text = await target.getText(MANIFEST_PATH);
  let remote: Manifest | undefined;
  try {
    remote = text ? (JSON.parse(text) as Manifest) : undefined;
  } catch {
    remote = undefined;
  }
  const present = new Set(keys);
  if (remote?.files) {
    // Trust the manifest only for objects that are actually there.
    for (const [file, { hash }] of Object.entries(remote.files)) if (present.has(file)) hashes.set(file, hash);
    return { hashes, keys };
  }
  // No manifest (first deploy, or it was lost): verify the objects the build would upload.
  await Promise.all(
    keys.filter((k) => local.files[k]).map((k) =>
      limit(async () => {
        const sha = await target.sha256Of(k).catch(() => undefined);
        if (sha) hashes.set(k, sha);
      }),
    ),
  );
  return { hashes, keys };
}

/**
 * Publishes a built site: uploads new and changed files only (assets first, then pages, feeds
 * and sitemaps, then the manifest), sets content types and cache headers, turns redirects into
 * redirect objects, deletes stale objects only when asked and within a limit, and returns the
 * URLs a CDN must purge. A deploy cut short converges when run again: the bucket's manifest is
 * replaced only after every upload succeeded.
 */
export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const dir = path.resolve(options.dir);
  // The folder may have been changed by another tool since the build: deploy what is there.
  const { manifest: local, changes } = await verifyOutput(dir, await readManifest(path.join(dir, MANIFEST_PATH)));
  const changedOutput = changes.edited.length + changes.added.length + changes.removed.length > 0;
  const limit = pLimit(options.concurrency ?? 8);
  // Making a client contacts nothing: credentials are looked up at the first request.
  const target = options.target ?? s3Target(options);
  const recordTarget = { bucket: options.bucket, prefix: options.prefix, endpoint: options.endpoint };
  const record = options.dryRun && options.recordDir ? await readDeployRecord(options.recordDir, recordTarget) : undefined;
  let compared: DeployResult['compared'];
  let hashes: Map<string, string>;
  let keys: string[];
  if (record) {
    // A dry run plans against this machine's record of the last deploy: no network, no credentials.
    keys = Object.keys(record.objects);
    hashes = new Map(Object.entries(record.objects).flatMap(([k, h]) => (h ? [[k, h] as [string, string]] : [])));
    compared = { with: 'record', at: record.at };
  } else {
    try {
      ({ hashes, keys } = await remoteState(target, local, limit));
      compared = { with: 'bucket' };
    } catch (error) {
      if (!options.dryRun) throw error;
      keys = [];
      hashes = new Map();
      compared = { with: 'nothing', reason: (error as Error).message.split('\n')[0]! };
    }
  }
  const redirects = new Map(local.redirects.map((r) => [r.from.replace(/^\//, '') + (r.from.endsWith('/') ? 'index.html' : ''), r.to]));

  const changed = Object.keys(local.files).filter((f) => hashes.get(f) !== local.files[f]!.hash);
  const unchanged = Object.keys(local.files).length - changed.length;
  const stale = keys.filter((k) => !local.files[k]);
  const deletes = options.delete ? stale : [];
  const maxDeletes = options.maxDeletes ?? 50;
  if (deletes.length > maxDeletes) {
    throw new DeployRefused(
      `This deploy would delete ${deletes.length} objects, more than the limit of ${maxDeletes}; nothing was changed. If the build is right, run again with --max-deletes ${deletes.length}.`,
    );
  }
  const absolute = (u: string) => (options.baseUrl ? new URL(u, options.baseUrl.replace(/\/?$/, '/')).href : u);
  const purge = [...new Set([...changed, ...deletes].filter((f) => !f.startsWith('media/') && !f.startsWith('pagefind/') && !f.startsWith('.dateline/')).map(urlOfFile))]
    .sort()
    .map(absolute);
  const bytes = changed.reduce((n, f) => n + local.files[f]!.bytes, 0);
  const result: DeployResult = { uploaded: changed, unchanged, deleted: deletes, bytes, purge, dryRun: options.dryRun ?? false, changes, compared };
  if (options.dryRun) return result;

  const upload = (file: string) =>
    limit(async () => {
      const body = await fs.readFile(path.join(dir, file));
      const sha256 = createHash('sha256').update(body).digest('hex');
      const redirectLocation = redirects.get(file);
      await target.put(file, body, { contentType: contentType(file), cacheControl: cacheControl(file), sha256, ...(redirectLocation ? { redirectLocation } : {}) });
    });
  // Assets before the pages that use them, so no reader sees a page whose CSS or photos are missing.
  await Promise.all(changed.filter((f) => !isDocument(f)).map(upload));
  await Promise.all(changed.filter((f) => isDocument(f)).map(upload));
  const manifestBody = changedOutput ? Buffer.from(JSON.stringify(local)) : await fs.readFile(path.join(dir, MANIFEST_PATH));
  await target.put(MANIFEST_PATH, manifestBody, {
    contentType: 'application/json; charset=utf-8',
    cacheControl: 'no-cache',
    sha256: createHash('sha256').update(manifestBody).digest('hex'),
  });
  if (deletes.length) await target.delete(deletes);
  if (options.recordDir) {
    const removed = new Set(deletes);
    const objects = new Map<string, string | null>(keys.filter((k) => !removed.has(k)).map((k) => [k, hashes.get(k) ?? null]));
    for (const [file, { hash }] of Object.entries(local.files)) objects.set(file, hash);
    await writeDeployRecord(options.recordDir, recordTarget, objects).catch(() => undefined);
  }
  return result;
}
