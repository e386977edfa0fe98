import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

/**
 * Git's blob ids of the files under a folder, with the stat git recorded for each when it last
 * wrote or checked it. A fresh checkout (every CI job) gives every file a new time and inode, so
 * the store's stat pass would read and hash the whole content folder (photos included: 730 MB at
 * 10,000 generated stories); a file whose stat is the one git's index recorded has the bytes of
 * the index's blob, and when that blob is the one the store recorded with its digest, the file is
 * not read.
 *
 * Git's own rule decides which recorded stats can be trusted ("racy git"): one whose time is not
 * older than the index file itself, in whole seconds, may have been changed again within the
 * same clock tick, so it vouches for nothing (a checkout's files written in its last second are
 * read). Git is asked once, with `ls-files --stage --debug` (the index as it is: ~0.2 s for
 * 11,000 files, parsing included), not `diff-files`, which would itself read and hash every racy
 * file of a fresh checkout (most of a second here). Without git, outside a repository, or when
 * git fails, there are no ids and every changed stat is hashed.
 */

/** What git's index records of a file: its blob id and the stat it found the file with. */
export interface IndexedFile {
  blob: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

/** A stat pass (or a stat index) that finds at least this many files moved asks git (one edit is not worth a process). */
export const ASK_GIT_FROM = 64;

/** Indexed files by path relative to the folder asked about. */
export type BlobIds = Map<string, IndexedFile>;

/** Output larger than this is not a content folder worth asking git about. */
const MAX_BUFFER = 512 << 20;

function git(dir: string, args: string[]): string | undefined {
  try {
    const run = spawnSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: MAX_BUFFER, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
    return run.status === 0 ? run.stdout : undefined;
  } catch {
    return undefined;
  }
}

/** `<sec>:<nsec>` as epoch milliseconds (as Node gives `mtimeMs`). */
function millis(text: string | undefined): number {
  const m = /^(\d+):(\d+)$/.exec(text ?? '');
  return m ? Number(m[1]) * 1e3 + Number(m[2]) / 1e6 : NaN;
}

/**
 * The regular files below `dir` that git's index holds, with their blob ids and recorded stats
 * (paths relative to `dir`, forward slashes), leaving out those whose recorded time is too recent
 * to trust; undefined when git cannot tell.
 */
export function gitBlobIds(dir: string): BlobIds | undefined {
  const indexPath = git(dir, ['rev-parse', '--path-format=absolute', '--git-path', 'index'])?.trim();
  if (!indexPath) return undefined;
  // Read before the listing: an index rewritten since is only newer, which trusts nothing more.
  const index = statSync(indexPath, { throwIfNoEntry: false });
  if (!index) return undefined;
  // The check and the build's stat pass ask in turn: the same index file gives the same answer.
  const stamp = `${dir}\0${index.mtimeMs}:${index.size}:${index.ino}`;
  if (lastAnswer?.stamp === stamp) return lastAnswer.ids;
  const ids = readIndex(dir, index.mtimeMs);
  lastAnswer = ids ? { stamp, ids } : undefined;
  return ids;
}

/** The last answer, with the folder and the index file's stat it was read from. */
let lastAnswer: { stamp: string; ids: BlobIds } | undefined;

function readIndex(dir: string, indexTime: number): BlobIds | undefined {
  const listed = git(dir, ['ls-files', '--stage', '--debug', '-z', '--', '.']);
  if (listed === undefined) return undefined;
  const ids: BlobIds = new Map();
  // Each entry is `<mode> <blob> <stage>\t<path>` and a NUL, then five lines of what the index recorded (ctime, mtime, dev and ino, uid and gid, size and flags).
  const chunks = listed.split('\0');
  let header = chunks[0]!;
  for (let i = 1; i < chunks.length; i++) {
    const lines = chunks[i]!.split('\n');
    if (lines.length < 6) break;
    const entry = parseEntry(header, lines.slice(0, 5));
    // The next entry's header (a path may hold a line break).
    header = lines.slice(5).join('\n');
    // Git's own rule, in whole seconds: an entry whose time is not older than the index's may have changed again unseen.
    if (entry && Math.floor(entry.mtimeMs / 1000) < Math.floor(indexTime / 1000)) ids.set(entry.rel, { blob: entry.blob, size: entry.size, mtimeMs: entry.mtimeMs, ino: entry.ino });
  }
  return ids;
}

/** True when a file's stat is the one git's index recorded (inode and size as the index keeps them: their low 32 bits). */
export function matchesIndex(st: { size: number; mtimeMs: number; ino: number }, indexed: IndexedFile): boolean {
  return Math.abs(st.mtimeMs - indexed.mtimeMs) < 0.001 && st.size % 2 ** 32 === indexed.size && st.ino % 2 ** 32 === indexed.ino;
}

function parseEntry(header: string, debug: string[]): (IndexedFile & { rel: string }) | undefined {
  const tab = header.indexOf('\t');
  if (tab < 0) return undefined;
  const [mode, blob, stage] = header.slice(0, tab).split(' ');
  // Regular files only (a symlink's blob is the name it points to), and merged entries only.
  if ((mode !== '100644' && mode !== '100755') || stage !== '0' || !blob) return undefined;
  // `  mtime: <sec>:<nsec>`, `  dev: <n>\tino: <n>`, `  size: <n>\tflags: <n>`.
  const mtimeMs = millis(/mtime: (\S+)/.exec(debug[1]!)?.[1]);
  const ino = Number(/ino: (\d+)/.exec(debug[2]!)?.[1]);
  const size = Number(/size: (\d+)/.exec(debug[4]!)?.[1]);
  if (!Number.isFinite(mtimeMs) || !Number.isFinite(ino) || !Number.isFinite(size)) return undefined;
  return { rel: header.slice(tab + 1), blob, size, mtimeMs, ino };
}
