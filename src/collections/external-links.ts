import pLimit from 'p-limit';
import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import type { ExternalLink } from './links.js';

/** How hard `--external` tries. */
export interface ExternalCheckOptions {
  /** Per-request timeout in ms. */
  timeout?: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

/** Why a URL did not answer, or undefined when it did (any status below 400). */
async function probe(url: string, timeout: number): Promise<string | undefined> {
  const attempt = async (method: 'HEAD' | 'GET') => {
    const res = await fetch(url, { method, redirect: 'follow', signal: AbortSignal.timeout(timeout), headers: { 'user-agent': 'dateline-link-check' } });
    await res.body?.cancel().catch(() => undefined);
    return res.status;
  };
  try {
    let status = await attempt('HEAD');
    // Some servers refuse HEAD; ask again the ordinary way before calling the link dead.
    if (status === 405 || status === 501 || status === 403) status = await attempt('GET');
    return status < 400 ? undefined : `answered HTTP ${status}`;
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return `did not answer within ${(timeout / 1000).toFixed(0)} s`;
    return `could not be reached (${e.cause?.code ?? e.message})`;
  }
}

/** Fetches every distinct external URL once, a few at a time, and warns about those that fail. */
export async function checkExternalLinks(links: ExternalLink[], options: ExternalCheckOptions = {}): Promise<Diagnostic[]> {
  const timeout = options.timeout ?? 5000;
  const limit = pLimit(options.concurrency ?? 8);
  const byUrl = new Map<string, ExternalLink[]>();
  for (const l of links) byUrl.set(l.url, [...(byUrl.get(l.url) ?? []), l]);
  const results = await Promise.all([...byUrl.keys()].map((url) => limit(async () => [url, await probe(url, timeout)] as const)));
  const out: Diagnostic[] = [];
  for (const [url, problem] of results) {
    if (!problem) continue;
    for (const l of byUrl.get(url)!) {
      out.push(
        diagnose('link:unreachable', l.file, `The external link ${url} ${problem}.`, {
          ...(l.position ? { position: l.position } : {}),
          hint: 'Check that the page still exists; link to an archived copy (web.archive.org) if it has gone.',
        }),
      );
    }
  }
  return out;
}
