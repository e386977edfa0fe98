import path from 'node:path';
import { existsSync } from 'node:fs';
import { z } from '../vendor/zod.js';
import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import type { SourceAuthor } from '../load/types.js';
import type { Author } from './types.js';
import { issuesToDiagnostics } from './zod-issues.js';

const authorSchema = z.strictObject({
  name: z.union([z.string().min(1), z.record(z.string().min(2), z.string().min(1))]),
  role: z.string().optional(),
  bio: z.string().optional(),
  url: z.url().optional(),
  email: z.email().optional(),
  x: z.string().optional(),
  photo: z.string().optional(),
});

/** Validates author files; returns the authors by id. */
export function validateAuthors(sources: SourceAuthor[], language: string): { authors: Map<string, Author>; diagnostics: Diagnostic[] } {
  const authors = new Map<string, Author>();
  const diagnostics: Diagnostic[] = [];
  for (const src of sources) {
    diagnostics.push(...src.diagnostics);
    if (!src.source || src.source.errors.length) continue;
    const parsed = authorSchema.safeParse(src.source.data ?? {}, { reportInput: true });
    if (!parsed.success) {
      diagnostics.push(
        ...issuesToDiagnostics(parsed.error.issues, src.file, src.source, { missing: 'author:invalid', invalid: 'author:invalid' }).map((d) => ({
          ...d,
          message: d.message,
          hint: d.hint?.replace('the front matter', 'the author file'),
        })),
      );
      continue;
    }
    const a = parsed.data;
    const names = typeof a.name === 'string' ? {} : a.name;
    const name = typeof a.name === 'string' ? a.name : (a.name[language] ?? Object.values(a.name)[0]);
    if (name === undefined) {
      diagnostics.push(diagnose('author:invalid', src.file, '`name` lists no language.', { position: src.source.positionOf(['name']), hint: 'Write `name: Rania Haddad`, or one per language: `name: {en: Rania Haddad, ar: رانيا حداد}`.' }));
      continue;
    }
    const author: Author = { id: src.id, file: src.file, name, names };
    if (a.role) author.role = a.role;
    if (a.bio) author.bio = a.bio;
    if (a.url) author.url = a.url;
    if (a.email) author.email = a.email;
    if (a.x) author.x = a.x.replace(/^@/, '');
    if (a.photo) {
      const photo = path.resolve(path.dirname(src.absPath), a.photo);
      if (!existsSync(photo)) {
        diagnostics.push(
          diagnose('photo:not-found', src.file, `The portrait \`${a.photo}\` does not exist next to the author file.`, {
            position: src.source.positionOf(['photo']),
          }),
        );
      } else author.photo = photo;
    }
    authors.set(src.id, author);
  }
  return { authors, diagnostics };
}
