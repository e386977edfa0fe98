import { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { DeployTarget, PutOptions, RemoteObject } from '../types.js';

/** Files above this size go up in parts. */
const MULTIPART = 8 * 1024 * 1024;

/**
 * An S3-compatible bucket through the AWS SDK. Credentials come from the SDK's standard chain
 * (environment, shared profile, instance role); retries with backoff on throttling, 5xx and
 * network errors are the SDK's standard strategy, with more attempts than its default.
 */
export function s3Target(options: { bucket: string; prefix?: string; region?: string; endpoint?: string }): DeployTarget {
  const client = new S3Client({
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    maxAttempts: 6,
    // Checksums only when an operation requires them: S3-compatible services differ in support.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
  });
  const Bucket = options.bucket;
  const prefix = options.prefix ? options.prefix.replace(/^\/+|\/+$/g, '') + '/' : '';
  return {
    async list() {
      const out: RemoteObject[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken }));
        for (const o of page.Contents ?? []) if (o.Key) out.push({ key: o.Key.slice(prefix.length), etag: o.ETag?.replace(/"/g, ''), size: o.Size ?? 0 });
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return out;
    },
    async sha256Of(key) {
      const head = await client.send(new HeadObjectCommand({ Bucket, Key: prefix + key }));
      return head.Metadata?.sha256;
    },
    async put(key, body, o: PutOptions) {
      const params = {
        Bucket,
        Key: prefix + key,
        Body: body,
        ContentType: o.contentType,
        CacheControl: o.cacheControl,
        Metadata: { sha256: o.sha256 },
        ...(o.redirectLocation ? { WebsiteRedirectLocation: o.redirectLocation } : {}),
      };
      await new Upload({ client, params, partSize: MULTIPART, queueSize: 2 }).done();
    },
    async delete(keys) {
      for (let i = 0; i < keys.length; i += 1000) {
        await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: keys.slice(i, i + 1000).map((k) => ({ Key: prefix + k })), Quiet: true } }));
      }
    },
    async getText(key) {
      try {
        const r = await client.send(new GetObjectCommand({ Bucket, Key: prefix + key }));
        return await r.Body?.transformToString();
      } catch {
        return undefined;
      }
    },
  };
}
