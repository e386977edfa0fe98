import type { Author, SiteConfig } from '../validate/types.js';

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
