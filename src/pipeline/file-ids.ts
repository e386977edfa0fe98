import { readRecord } from '../util/fs.js';
import type { BuildOptions } from './context.js';
import { buildStatePath } from './up-to-date.js';

/**
 * Where a build records each output file's identity (inode and modification time), in the cache
 * beside the build's record (not in the output: inode numbers are not part of a site): the next
 * build recognises a file it hard-linked from this output, or from a cache, by one stat of its
 * own copy, and keeps the manifest's hash without reading the file. A record that does not match
 * (another build wrote it, or the output was changed) only costs a read of the file.
 */
export function fileIdsPath(options: Pick<BuildOptions, 'cacheDir' | 'outDir'>): string {
  return buildStatePath(options).replace(/\.json$/, '.file-ids.json');
}

/** Output file → [inode, mtimeMs] as the build that wrote the manifest saw it. */
export interface FileIds {
  version: 1;
  files: Record<string, [number, number]>;
}

/** The identities recorded in `file`, or undefined (none, or unreadable). */
export function readFileIds(file: string): Promise<FileIds | undefined> {
  return readRecord<FileIds>(file, 'files');
}
