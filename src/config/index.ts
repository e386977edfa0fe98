import { promises as fs } from 'node:fs';
import path from 'node:path';
import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import { parseYamlSource, type YamlSource } from '../util/yaml-source.js';
import { yamlDiagnostics } from '../load/read-document.js';

/** The raw content/site.yaml, parsed with positions; validated by the validate stage. */
export interface RawConfig {
  file: string;
  source: YamlSource | null;
  diagnostics: Diagnostic[];
}

/** Reads content/site.yaml under `root`. */
export async function readSiteConfig(root: string): Promise<RawConfig> {
  const file = 'content/site.yaml';
  let text: string;
  try {
    text = await fs.readFile(path.join(root, file), 'utf8');
  } catch {
    return {
      file,
      source: null,
      diagnostics: [
        diagnose('config:missing', file, `There is no ${file} in ${root}.`, {
          hint: 'Run dateline from the folder that holds content/, or pass --root.',
        }),
      ],
    };
  }
  const source = parseYamlSource(text);
  const diagnostics = yamlDiagnostics(source, file, 'config:yaml-syntax');
  return { file, source, diagnostics };
}
