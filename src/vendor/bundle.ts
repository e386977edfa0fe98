/**
 * Bundles the compiled vendor modules (dist/src/vendor/{unified,zod,yaml,xml}.js) in place with
 * esbuild, each with the packages it re-exports: run by `npm run compile` after `tsc`. A module
 * that is not bundled (esbuild missing, or a bare `tsc`) still works: it re-exports the packages.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const MODULES = ['unified', 'zod', 'yaml', 'xml'];

let esbuild: typeof import('esbuild');
try {
  esbuild = await import('esbuild');
} catch {
  process.stderr.write('esbuild is not installed (a development dependency): the vendor modules stay unbundled, which only makes start-up slower.\n');
  process.exit(0);
}

for (const name of MODULES) {
  const file = path.join(here, `${name}.js`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run tsc first.`);
  await esbuild.build({
    entryPoints: [file],
    outfile: file,
    allowOverwrite: true,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // CommonJS code inside the packages may require Node's own modules.
    banner: { js: "import { createRequire as __vendorRequire } from 'node:module'; const require = __vendorRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  // tsc's source map describes the unbundled file.
  rmSync(`${file}.map`, { force: true });
}
