import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Folders of unchanged pages kept whole: an incremental build over a published output moves them
 * into the new output when it is published (pipeline/output-folder.ts) instead of linking each
 * page into the staging folder.
 */

/** Folders of the previous output that a build keeps whole (relative, forward slashes), and the page files in them. */
export interface CarriedPages {
  dirs: string[];
  files: string[];
}

/** Top-level folders that never hold only pages: the build writes or keeps them by other means. */
const NOT_PAGES = ['media', 'pagefind', 'css', 'js', '.dateline'];

/**
 * Chooses the folders of `previousOut` to keep whole: the largest folders with no changed or
 * removed page below them, whose files (as the previous build's manifest lists them, so a feed
 * rules a folder out) are exactly the kept pages the build would otherwise link. A folder that
 * does not qualify is split into its subfolders; files directly in it are linked.
 */
export function planCarry(previousOut: string, previousFiles: string[], kept: string[], changed: string[], out: CarriedPages): void {
  const dirty = new Set<string>(['.']);
  const mark = (file: string) => {
    for (let d = path.posix.dirname(file); !dirty.has(d); d = path.posix.dirname(d)) dirty.add(d);
  };
  changed.forEach(mark);
  for (const top of NOT_PAGES) dirty.add(top);
  // Each kept page under its highest folder without a change below it.
  const tops = new Map<string, string[]>();
  const topOf = new Map<string, string>();
  for (const file of kept) {
    const dir = path.posix.dirname(file);
    let top = topOf.get(dir);
    if (top === undefined) {
      top = '.';
      for (let d = dir; !dirty.has(d); d = path.posix.dirname(d)) top = d;
      topOf.set(dir, top);
    }
    if (top === '.') continue;
    const list = tops.get(top);
    if (list) list.push(file);
    else tops.set(top, [file]);
  }
  const carry = (dir: string, files: string[], onDisk: string[]) => {
    const set = new Set(files);
    if (files.length === onDisk.length && onDisk.every((f) => set.has(f))) {
      out.dirs.push(dir);
      out.files.push(...files);
      return;
    }
    // Split: each subfolder on its own; the files directly in `dir` are linked.
    const sub = new Map<string, { files: string[]; onDisk: string[] }>();
    const group = (file: string) => {
      const rest = file.slice(dir.length + 1);
      const i = rest.indexOf('/');
      if (i < 0) return undefined;
      const child = `${dir}/${rest.slice(0, i)}`;
      let g = sub.get(child);
      if (!g) sub.set(child, (g = { files: [], onDisk: [] }));
      return g;
    };
    for (const f of files) group(f)?.files.push(f);
    for (const f of onDisk) group(f)?.onDisk.push(f);
    for (const [child, g] of sub) if (g.files.length) carry(child, g.files, g.onDisk);
  };
  // The previous output's files under each of those folders (the manifest lists every file but the build's own records).
  const listed = new Map<string, string[]>();
  for (const file of previousFiles) {
    for (let d = path.posix.dirname(file); d !== '.'; d = path.posix.dirname(d)) {
      if (!tops.has(d)) continue;
      const list = listed.get(d);
      if (list) list.push(file);
      else listed.set(d, [file]);
      break;
    }
  }
  for (const [dir, files] of tops) if (existsSync(path.join(previousOut, dir))) carry(dir, files, listed.get(dir) ?? []);
}
