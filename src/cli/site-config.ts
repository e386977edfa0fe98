import { formatDiagnostics } from './reporter.js';
import type { SiteConfig } from '../validate/types.js';

/**
 * Reads and validates content/site.yaml for a command that needs the site's settings (new,
 * import). When it has errors they are printed and the exit code is set to 2 (bad configuration);
 * the caller gets undefined and stops.
 */
export async function readValidSiteConfig(root: string): Promise<SiteConfig | undefined> {
  const [{ readSiteConfig }, { validateSite }] = await Promise.all([import('../config/index.js'), import('../validate/index.js')]);
  const raw = await readSiteConfig(root);
  const site = raw.source && !raw.diagnostics.length ? validateSite(raw.file, raw.source) : { diagnostics: raw.diagnostics };
  if (!site.config || site.diagnostics.some((d) => d.severity === 'error')) {
    process.stderr.write(formatDiagnostics(site.diagnostics) + '\n');
    process.exitCode = 2;
    return undefined;
  }
  return site.config;
}
