import type { z } from 'zod';
import { diagnose } from '../errors/diagnostics.js';
import type { RuleId } from '../errors/catalogue.js';
import type { Diagnostic } from '../errors/types.js';
import type { YamlSource } from '../util/yaml-source.js';
import { suggestion } from '../util/suggest.js';

/** A short, readable rendering of a received value for messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return `"${value.length > 60 ? value.slice(0, 57) + '…' : value}"`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** Dotted field name for messages: `image.alt`, `corrections[1].date`. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

const expectedWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
};

/** Turns zod issues into positioned diagnostics. `missingRule` is used for absent required fields. */
export function issuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  file: string,
  source: YamlSource | null,
  rules: { missing: RuleId; invalid: RuleId },
  describeField: (name: string) => string = () => '',
  knownKeys?: (path: readonly PropertyKey[]) => string[],
): Diagnostic[] {
  return issues.flatMap((issue): Diagnostic | Diagnostic[] => {
    const name = fieldName(issue.path);
    const position = source?.positionOf(issue.path as (string | number)[]);
    const input = (issue as { input?: unknown }).input;
    if (issue.code === 'invalid_type' && input === undefined) {
      const what = describeField(name);
      return diagnose(rules.missing, file, `\`${name}\` is required${what ? ` (${what})` : ''} but is missing.`, {
        position: source?.positionOf(issue.path.slice(0, -1) as (string | number)[]),
        hint: `Add \`${String(issue.path[issue.path.length - 1])}: …\` to the front matter.`,
      });
    }
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        diagnose(rules.invalid, file, `\`${[...issue.path, key].map(String).join('.')}\` is not a key dateline knows.${suggestion(key, knownKeys?.(issue.path) ?? [])}`, {
          position: source?.positionOf([...issue.path, key] as (string | number)[], 'key'),
        }),
      );
    }
    let expectation = issue.message;
    if (issue.code === 'invalid_type') expectation = `must be ${expectedWords[issue.expected] ?? issue.expected}`;
    else if (issue.code === 'invalid_value') expectation = `must be one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}`;
    else if (issue.code === 'too_small' && issue.origin === 'string') expectation = 'must not be empty';
    else if (issue.code === 'too_small' || issue.code === 'too_big') expectation = issue.message.replace(/^Too (small|big): expected \w+ to /, 'must ');
    return diagnose(rules.invalid, file, `\`${name}\` ${expectation}, received ${describeValue(input)}.`, { position });
  });
}
