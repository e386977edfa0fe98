import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeAtomic } from '../util/fs.js';

/**
 * What this machine last deployed to one bucket and prefix: kept in `.cache/deploys/` after
 * every complete deploy, so `deploy --dry-run` can plan without reaching the bucket.
 */
export interface DeployRecord {
  version: 1;
  bucket: string;
  prefix: string;
  endpoint: string | null;
  /** When the deploy finished (ISO 8601, UTC). */
  at: string;
  /** Every object the bucket held after that deploy, with its SHA-256 (null when unknown). */
  objects: Record<string, string | null>;
}

/** Which bucket a record belongs to. */
export interface RecordTarget {
  bucket: string;
  prefix?: string | undefined;
  endpoint?: string | undefined;
}

/** The record's file for a target: readable name plus a hash of endpoint, bucket and prefix. */
export function recordFile(dir: string, target: RecordTarget): string {
  const id = createHash('sha256').update(JSON.stringify([target.endpoint ?? null, target.bucket, target.prefix ?? ''])).digest('hex').slice(0, 12);
  return path.join(dir, `${target.bucket.replace(/[^a-z0-9.-]+/gi, '-')}-${id}.json`);
}

/** The last deploy from this machine to the target, or undefined when there is none (or it is unreadable). */
export async function readDeployRecord(dir: string, target: RecordTarget): Promise<DeployRecord | undefined> {
  try {
    const data = JSON.parse(await fs.readFile(recordFile(dir, target), 'utf8')) as DeployRecord;
    return data.version === 1 && typeof data.objects === 'object' ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Records a finished deploy (atomically; a failure to write only costs the next offline dry run). */
export async function writeDeployRecord(dir: string, target: RecordTarget, objects: Map<string, string | null>): Promise<void> {
  const record: DeployRecord = {
    version: 1,
    bucket: target.bucket,
    prefix: target.prefix ?? '',
    endpoint: target.endpoint ?? null,
    at: new Date().toISOString(),
    objects: Object.fromEntries([...objects].sort(([a], [b]) => a.localeCompare(b))),
  };
  await writeAtomic(recordFile(dir, target), JSON.stringify(record));
}
