/** The thread of `startPrescan` (listing.ts): lists the content folder, then counts the output's files. */
import { parentPort, workerData } from 'node:worker_threads';
import { countFiles, listWithStats } from './listing.js';

const { contentDir, outDir } = workerData as { contentDir: string; outDir: string };
const content = listWithStats(contentDir);
parentPort!.postMessage({ content }, [content.size.buffer as ArrayBuffer, content.mtimeMs.buffer as ArrayBuffer, content.ino.buffer as ArrayBuffer, content.dirs.mtimeMs.buffer as ArrayBuffer, content.dirs.ino.buffer as ArrayBuffer]);
parentPort!.postMessage({ count: countFiles(outDir, '.dateline') });
