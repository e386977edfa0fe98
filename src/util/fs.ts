import { promises as fs, readdirSync } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';

/** Writes a file (creating folders) only when its bytes differ; returns true when written. */
export async function writeIfChanged(file: string, contents: string | Uint8Array): Promise<boolean> {
  const next = typeof contents === 'string' ? Buffer.from(contents) : Buffer.from(contents);
  try {
    const prev = await fs.readFile(file);
    if (prev.equals(next)) return false;
  } catch {
    // missing: write it
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Replace rather than overwrite so a hard-linked copy of the previous build is never modified.
  const tmp = `${file}.tmp-${process.pid}`;
  await fs.writeFile(tmp, next);
  await fs.rename(tmp, file);
  return true;
}

/**
 * Lists files below `dir` (relative, forward slashes, sorted), or [] when it does not exist. One
 * synchronous walk: on a site of thousands of folders it is several times faster than Node's
 * recursive `readdir` (which queues one promise per folder).
 */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  try {
    walkFiles(dir, (rel) => out.push(rel));
  } catch {
    return [];
  }
  return out.sort();
}

/**
 * Walks `dir` synchronously: `file` is called with every file's path (relative, forward slashes),
 * `folder` with every folder's absolute and relative path ('' for `dir`) before it is read — a
 * folder for which it returns false is not read. Throws when a folder cannot be read.
 */
export function walkFiles(dir: string, file: (rel: string) => void, folder?: (abs: string, rel: string) => boolean | void): void {
  const walk = (abs: string, rel: string) => {
    if (folder?.(abs, rel) === false) return;
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(`${abs}/${e.name}`, r);
      else if (e.isFile()) file(r);
    }
  };
  walk(dir, '');
}

/** Writes a file atomically (temporary file + rename), so concurrent readers never see it half-written. */
export async function writeAtomic(file: string, contents: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    // The folder is made only when the write finds it missing: most writes go to a folder that is
    // there, and a cold build writes thousands of files (two calls each instead of four).
    await fs.writeFile(tmp, contents).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(tmp, contents);
    });
    await fs.rename(tmp, file);
  } catch (err) {
    // Nothing half-written is left beside the file.
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Puts `files` (relative to `from`; default: every file below it) into `to` under the same
 * names: hard links where possible (no bytes copied), copies otherwise (another file system).
 */
export async function linkFiles(from: string, to: string, files?: string[]): Promise<void> {
  const limit = pLimit(64);
  const dirs = new Map<string, Promise<unknown>>();
  await Promise.all(
    (files ?? (await listFiles(from))).map((rel) =>
      limit(async () => {
        const target = path.join(to, rel);
        const dir = path.dirname(target);
        let ready = dirs.get(dir);
        if (!ready) dirs.set(dir, (ready = fs.mkdir(dir, { recursive: true })));
        await ready;
        await fs.link(path.join(from, rel), target).catch(() => fs.copyFile(path.join(from, rel), target));
      }),
    ),
  );
}

/**
 * A build's own JSON record (`{ version: 1, <field>: {…} }`): undefined when the file is missing,
 * unreadable, of another version, or without that field as an object.
 */
export async function readRecord<T extends { version: 1 }>(file: string, field: keyof T & string): Promise<T | undefined> {
  try {
    const data = JSON.parse(await fs.readFile(file, 'utf8')) as T & Record<string, unknown>;
    return data.version === 1 && data[field] && typeof data[field] === 'object' ? data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Puts `rel` of folder `from` into folder `to` under the same name: a hard link, else a copy.
 * True when the file is there afterwards; false when `from` has no such file.
 */
export async function linkFrom(from: string, to: string, rel: string): Promise<boolean> {
  const source = path.join(from, rel);
  const target = path.join(to, rel);
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.link(source, target);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return true;
    if (code === 'ENOENT') return false;
    return fs.copyFile(source, target).then(
      () => true,
      () => false,
    );
  }
}
