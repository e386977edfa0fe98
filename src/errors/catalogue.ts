/**
 * The catalogue of content rules: data only. Rule ids are permanent; a rule
 * that is retired keeps its id reserved. Each entry says how serious the
 * problem is by default, a title for the README, and the usual fix.
 */
export interface RuleEntry {
  severity: 'error' | 'warning';
  title: string;
  hint?: string;
}

export const catalogue = {
  // --- files -----------------------------------------------------------------
  'file:invalid-utf8': {
    severity: 'error',
    title: 'File is not valid UTF-8',
    hint: 'Save the file as UTF-8 (most editors offer “Save with encoding”).',
  },
  'file:unreadable': { severity: 'error', title: 'File cannot be read' },
  'bundle:misplaced': {
    severity: 'error',
    title: 'Article is not in a dated bundle folder',
    hint: 'Move it to content/articles/YYYY/MM/<slug>/index.md.',
  },
  'bundle:bad-slug': {
    severity: 'error',
    title: 'Bundle folder name is not a valid slug',
    hint: 'Use lower-case letters, digits and hyphens only, e.g. `budget-vote`.',
  },

  // --- configuration -----------------------------------------------------------
  'config:missing': { severity: 'error', title: 'content/site.yaml is missing' },
  'config:yaml-syntax': { severity: 'error', title: 'site.yaml is not valid YAML' },
  'yaml:curly-quotes': { severity: 'warning', title: 'A YAML value is wrapped in curly quotes, which YAML keeps as text' },
  'config:invalid': { severity: 'error', title: 'site.yaml has an invalid value' },

  // --- front matter ------------------------------------------------------------
  'front-matter:yaml-syntax': {
    severity: 'error',
    title: 'Front matter is not valid YAML',
  },
  'front-matter:missing-field': { severity: 'error', title: 'A required field is missing' },
  'front-matter:missing-author': {
    severity: 'error',
    title: 'Neither `authors` nor `byline` is given',
    hint: 'Add `authors: [author-id]`, or `byline: Staff` when no author may be named.',
  },
  'front-matter:invalid-date': {
    severity: 'error',
    title: 'A date cannot be read as ISO 8601',
    hint: 'Write it as `date: 2025-05-05T09:00:00+03:00`; a date or time without an offset is read in site.yaml’s timezone.',
  },
  'front-matter:expires-before-date': {
    severity: 'error',
    title: '`expires` is not after `date`',
    hint: '`expires` is when the story is taken down; it must come after `date`, when it is published.',
  },
  'front-matter:invalid-path': {
    severity: 'error',
    title: '`url` or a `redirectFrom` entry is not an absolute path on this site',
    hint: 'Write the path only, starting with `/`, as the old address had it: `/2019/05/budget-vote.html` or `/news/budget-vote/`.',
  },
  'front-matter:empty-value': {
    severity: 'warning',
    title: 'An optional field is present but empty',
    hint: 'Give it a value or remove the line; until then it is read as absent.',
  },
  'front-matter:updated-before-date': {
    severity: 'error',
    title: '`updated` is earlier than `date`',
    hint: '`updated` is the last substantive change; it cannot precede first publication.',
  },
  'front-matter:correction-before-date': {
    severity: 'error',
    title: 'A correction is dated before the article',
    hint: 'A correction’s `date` must be on or after the article’s `date`.',
  },
  'front-matter:updated-without-note': {
    severity: 'warning',
    title: '`updated` is later than every correction',
    hint: 'Readers are told what changed: add a `corrections` entry or an `updateNote` saying what was updated.',
  },
  'front-matter:unknown-section': { severity: 'error', title: 'Section is not listed in site.yaml' },
  'front-matter:unknown-author': { severity: 'error', title: 'Author has no file in content/authors/' },
  'front-matter:unknown-key': { severity: 'warning', title: 'Front matter has a key dateline does not know' },
  'front-matter:invalid-value': { severity: 'error', title: 'A front-matter value has the wrong type or form' },
  'front-matter:unknown-language': { severity: 'error', title: 'Language is not offered in site.yaml' },
  'front-matter:unknown-translation': { severity: 'error', title: '`translationOf` names no article' },
  'front-matter:missing-alt': {
    severity: 'error',
    title: 'Lead photo has no alt text',
    hint: 'Describe what the photo shows for readers who cannot see it: `image.alt: …`.',
  },

  // --- photos --------------------------------------------------------------------
  'photo:not-found': { severity: 'error', title: 'Photo file does not exist' },
  'photo:outside-bundle': {
    severity: 'error',
    title: 'Photo path leaves the article bundle',
    hint: 'Put the photo in the article’s own folder and refer to it by file name, e.g. `hero.jpg`.',
  },
  'photo:missing-alt': {
    severity: 'warning',
    title: 'Photo in the body has no alt text',
    hint: 'Write the description between the brackets: `![A crowd in the square](crowd.jpg)`.',
  },
  'photo:not-an-image': { severity: 'error', title: 'File is not an image' },
  'photo:corrupt': { severity: 'error', title: 'Photo file is truncated or corrupt' },
  'photo:too-small': { severity: 'error', title: 'Photo is narrower than the minimum width' },
  'photo:too-large': { severity: 'error', title: 'Photo has too many pixels to process safely' },
  'photo:unsupported-format': { severity: 'error', title: 'Photo format is not supported' },
  'photo:gps-metadata': {
    severity: 'warning',
    title: 'Source photo carries GPS or camera-serial metadata',
    hint: 'The published copies are clean, but the repository is not: run `dateline scrub <path>` and commit the result.',
  },
  'photo:heavy-source': {
    severity: 'warning',
    title: 'Source photo is over 20 MB or 6,000 px',
    hint: 'Commit a copy 3,000 px on its long side instead; the site never shows more than 2,400 px.',
  },
  'photo:transparent': { severity: 'warning', title: 'Photo has transparent areas that JPEG copies put on white' },
  'photo:svg-unsafe': {
    severity: 'warning',
    title: 'SVG contained scripts, event handlers or external references (removed)',
    hint: 'Export the graphic again without interactivity or linked files, so the repository holds what is published.',
  },
  'document:not-found': { severity: 'error', title: 'Linked document does not exist beside the story' },
  'document:unreadable': { severity: 'error', title: 'Linked PDF or office file cannot be read to remove its metadata' },
  'document:metadata': {
    severity: 'warning',
    title: 'Source document carries author, creator-tool, edit-history or XMP metadata',
    hint: 'The published copy is clean, but the repository is not: run `dateline scrub <path>` and commit the result.',
  },
  'cache:unwritable': { severity: 'warning', title: 'The build cache cannot be written' },
  'photo:remote': {
    severity: 'warning',
    title: 'Photo is loaded from another site',
    hint: 'Add the file to the article bundle so it is resized, stripped of metadata and served with the site.',
  },

  // --- body ------------------------------------------------------------------------
  'internal:article-failed': {
    severity: 'error',
    title: 'dateline failed while processing this file',
    hint: 'This is a bug in dateline, not in the article: please report it with the file attached. The other files were processed.',
  },
  'template:failed': {
    severity: 'error',
    title: "A template of the publication's own templates/ failed while rendering a page",
    hint: "Fix the line named, or delete the file to use dateline's own template of the same path. The other pages were rendered.",
  },
  'body:empty': { severity: 'error', title: 'Article has no body text' },
  'body:invisible-character': {
    severity: 'warning',
    title: 'Body has an invisible character pasted from a word processor (zero-width space, soft hyphen, non-breaking-space indentation)',
    hint: 'Run `dateline check --fix` to remove them (the file is rewritten safely), or delete them in an editor that shows invisible characters.',
  },
  'front-matter:invisible-character': {
    severity: 'warning',
    title: 'Front matter has an invisible character pasted from a word processor',
    hint: 'Run `dateline check --fix` to remove them (the file is rewritten safely), or delete them in an editor that shows invisible characters.',
  },
  'body:raw-html-removed': {
    severity: 'warning',
    title: 'Unsafe raw HTML was removed from the body',
    hint: 'Scripts, inline event handlers and embedded frames are never published; use a Markdown figure or link instead.',
  },
  'body:unknown-directive': { severity: 'warning', title: 'Unknown directive in the body' },
  'body:more-marker-duplicate': { severity: 'warning', title: 'More than one `<!-- more -->` marker' },
  'embed:unknown-provider': {
    severity: 'error',
    title: 'Embed or iframe is not from a provider dateline can embed',
    hint: 'Link to the page instead, or use a provider dateline knows (see “Embeds” in the README).',
  },
  'embed:missing-url': { severity: 'error', title: '`::embed` has no `url`', hint: 'Write `::embed{url="https://…" title="…"}`.' },
  'embed:bad-ratio': { severity: 'warning', title: '`::embed` ratio is not a width and height', hint: 'Write it as `ratio="16:9"`.' },

  // --- links -----------------------------------------------------------------------
  'link:broken': { severity: 'error', title: 'Internal link points to no page' },
  'link:broken-anchor': { severity: 'error', title: 'Link points to a heading that does not exist' },
  'link:invalid-url': { severity: 'warning', title: 'External link is not a valid URL' },
  'link:unreachable': { severity: 'warning', title: 'External link did not answer (with --external)' },

  // --- site-wide -------------------------------------------------------------------
  'site:duplicate-url': { severity: 'error', title: 'Two articles would be published at the same URL' },
  'site:removed-url': {
    severity: 'error',
    title: 'A published URL is gone without a redirect',
    hint: 'Add the old URL to `redirectFrom` in the article that replaces it.',
  },
  'site:redirect-added': {
    severity: 'warning',
    title: 'A moved story got a redirect from its old URL automatically',
    hint: 'Add the old URL to `redirectFrom` so the redirect is kept in git.',
  },
  'schedule:embargo-url-changed': {
    severity: 'warning',
    title: "An embargoed story's URL changed since it was first checked",
    hint: 'Add the first URL to `redirectFrom`, or keep the date in its month.',
  },
  'label:untranslated': {
    severity: 'warning',
    title: 'A page would show a tag or author name not written in its language',
    hint: 'Give the tag a name per language in site.yaml `tags:`, and the author a `name` per language.',
  },
  'unpublished:invalid': { severity: 'error', title: 'content/unpublished.yaml has an invalid entry' },
  'unpublished:still-published': { severity: 'error', title: 'An unpublished URL is still a page' },
  'author:invalid': { severity: 'error', title: 'Author file has an invalid value' },
  'page:invalid': { severity: 'error', title: 'Static page has an invalid value' },

  // --- import (lines of the `dateline import` report) ---------------------------------
  'import:skipped': { severity: 'warning', title: 'A story was not imported (trash, empty, no date, not a story)' },
  'import:embed-as-link': { severity: 'warning', title: 'An embed from a provider dateline does not embed became a plain link', hint: 'Check that the link still says what the embed showed.' },
  'import:unknown-shortcode': { severity: 'warning', title: 'A shortcode or Liquid tag was left as text', hint: 'Rewrite it as Markdown or a dateline directive.' },
  'import:media-missing': { severity: 'warning', title: 'A photo could not be found or downloaded; its reference was kept' },
  'import:media-linked': { severity: 'warning', title: 'A lead photo stays on the old site, so it is shown in the body' },
  'import:lead-photo-small': { severity: 'warning', title: 'A featured image is too narrow to lead, so it is shown in the body' },
  'import:missing-alt': { severity: 'warning', title: 'An imported lead photo has no alt text' },
  'import:not-public': { severity: 'warning', title: 'A private or password-protected story was imported as a draft' },
  'import:no-title': { severity: 'warning', title: 'A story had no title; one was made from its first words' },
  'import:partial-body': { severity: 'warning', title: 'A feed gave only a summary, so the body is partial' },
  'import:date-choice': { severity: 'warning', title: 'Two dates disagreed; the note says which one was used' },
  'import:url-changed': { severity: 'warning', title: "Retired: a page's old address could not be kept (pages now keep it through `redirectFrom`)" },
} as const satisfies Record<string, RuleEntry>;

/** A rule id known to the catalogue. */
export type RuleId = keyof typeof catalogue;
