import { diagnose } from '../errors/diagnostics.js';
import type { Diagnostic } from '../errors/types.js';
import type { Article, Author, SiteConfig } from '../validate/types.js';

/** A tag's name in a language: site.yaml's `tags` entry for it, else its id with spaces. */
export function tagLabel(config: SiteConfig, tag: string, lang: string): string {
  const names = config.tags[tag];
  return names?.[lang] ?? names?.[config.language] ?? tag.replace(/-/g, ' ');
}

/** An author's name in a language: the per-language `name` from the author file, else the default-language name. */
export function authorLabel(author: Author, lang: string): string {
  return author.names[lang] ?? author.name;
}

/** True when a tag has a name written for `lang` (the default language's fallback is the id itself). */
export function hasTagLabel(config: SiteConfig, tag: string, lang: string): boolean {
  return config.tags[tag]?.[lang] !== undefined;
}

/** True when an author's name is written for `lang`. */
export function hasAuthorLabel(author: Author, lang: string): boolean {
  return author.names[lang] !== undefined;
}

/** `label:untranslated` warnings: an article not in the default language that would show a tag or author name with no name in its language. */
export function untranslatedLabels(articles: Article[], config: SiteConfig, authors: Map<string, Author>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const a of articles) {
    if (a.lang === config.language) continue;
    const language = config.languages.find((l) => l.code === a.lang)?.name ?? a.lang;
    const tags = a.tags.filter((t) => !hasTagLabel(config, t, a.lang));
    const people = a.authors.flatMap((id) => {
      const author = authors.get(id);
      return author && !hasAuthorLabel(author, a.lang) ? [author] : [];
    });
    if (tags.length === 0 && people.length === 0) continue;
    const shown = [...tags.map((t) => `tag “${tagLabel(config, t, a.lang)}”`), ...people.map((p) => `author “${p.name}”`)];
    const fixes = [
      ...(tags.length ? [`in site.yaml, \`tags: {${tags.map((t) => `${t}: {${config.language}: ${tagLabel(config, t, config.language)}, ${a.lang}: …}`).join(', ')}}\``] : []),
      ...people.map((p) => `in ${p.file}, \`name: {${config.language}: ${p.name}, ${a.lang}: …}\``),
    ];
    out.push(
      diagnose('label:untranslated', a.file, `This ${language} page would show ${shown.join(', ')} untranslated.`, {
        position: { line: 1, column: 1 },
        hint: `Give ${tags.length + people.length === 1 ? 'it a name' : 'each a name'} in ${language}: ${fixes.join('; ')}.`,
      }),
    );
  }
  return out;
}
