/** One object as a host lists it. */
export interface RemoteObject {
  key: string;
  etag?: string;
  size?: number;
}

/** What an upload sets besides the bytes. */
export interface PutOptions {
  contentType: string;
  cacheControl: string;
  /** SHA-256 of the bytes, stored as object metadata so a lost manifest can be rebuilt. */
  sha256: string;
  /** Old URL → new URL, for hosts that serve redirects from object metadata. */
  redirectLocation?: string;
}

/** A place a site can be published to: one file per host in `targets/`. */
export interface DeployTarget {
  /** Every object under the prefix (keys relative to the prefix). */
  list(): Promise<RemoteObject[]>;
  /** The SHA-256 stored with an object, if any. */
  sha256Of(key: string): Promise<string | undefined>;
  put(key: string, body: Buffer, options: PutOptions): Promise<void>;
  delete(keys: string[]): Promise<void>;
  /** The manifest of the last complete deploy, or undefined. */
  getText(key: string): Promise<string | undefined>;
}

/** Options of `dateline deploy`. */
export interface DeployOptions {
  /** The built site. */
  dir: string;
  bucket: string;
  prefix?: string;
  region?: string;
  endpoint?: string;
  dryRun?: boolean;
  /** Delete objects the build no longer has (off by default). */
  delete?: boolean;
  /** Refuse a plan that deletes more than this many objects. */
  maxDeletes?: number;
  concurrency?: number;
  /** Absolute base URL for the purge list. */
  baseUrl?: string;
  /** A target to use instead of S3 (tests, other hosts). */
  target?: DeployTarget;
  /** Where the record of the last deploy is kept (`.cache/deploys`); a dry run plans against it offline. */
  recordDir?: string;
}

/** What a deploy did (or, with dryRun, would do). */
export interface DeployResult {
  uploaded: string[];
  unchanged: number;
  deleted: string[];
  bytes: number;
  /** URLs whose content changed, for the CDN to purge. */
  purge: string[];
  dryRun: boolean;
  /** How the output folder differed from its build's manifest (files edited, added or removed by another tool). */
  changes: { edited: string[]; added: string[]; removed: string[] };
  /** What the plan was compared with: the bucket, this machine's record of the last deploy, or (dry run, bucket unreachable) nothing. */
  compared: { with: 'bucket' } | { with: 'record'; at: string } | { with: 'nothing'; reason: string };
}

/** A plan the deploy refuses to carry out (too many deletions). */
export class DeployRefused extends Error {
  override name = 'DeployRefused';
}
