import { z } from '../vendor/zod.js';

/** Front-matter keys an article may use, with what each is for (used in messages and the README). */
export const articleFields: Record<string, string> = {
  id: 'a permanent id for feeds, kept when the slug changes',
  title: 'the headline',
  summary: 'the dek or teaser',
  date: 'first publication, ISO 8601 (without an offset, in site.yaml’s timezone)',
  updated: 'last substantive update',
  updateNote: 'what the update changed, shown to readers',
  authors: 'ids of files in content/authors/',
  byline: 'free-text byline when no author may be named',
  dateline: 'place the report was filed from',
  section: 'a section id from site.yaml',
  tags: 'topic ids',
  type: 'report, analysis, opinion, explainer, review, background or interview',
  image: 'the lead photo: src, alt, caption, credit, focus',
  lang: 'language code',
  translationOf: 'slug of the same story in another language',
  draft: 'true to keep it out of builds',
  expires: 'when the article is taken down',
  corrections: 'list of {date, text}',
  redirectFrom: 'old URL paths that must keep working',
  url: 'the story’s own address, an absolute path that replaces the permalink pattern',
};

const text = z.string().trim().min(1);
const stringList = z.union([z.string().min(1).transform((s) => [s]), z.array(z.string().min(1))]);

/** The shape of article front matter; dates are checked separately for precise messages. */
export const articleSchema = z.looseObject({
  id: z.string().min(1).optional(),
  title: text,
  summary: text,
  date: z.unknown(),
  updated: z.unknown().optional(),
  updateNote: text.optional(),
  authors: stringList.optional(),
  byline: text.optional(),
  dateline: text.optional(),
  section: z.string().min(1),
  tags: stringList.optional(),
  type: z.enum(['report', 'analysis', 'opinion', 'explainer', 'review', 'background', 'interview']).optional(),
  image: z
    .looseObject({
      src: z.string().min(1),
      alt: z.unknown().optional(),
      caption: text.optional(),
      credit: text.optional(),
      focus: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).optional(),
    })
    .optional(),
  lang: z.string().min(2).optional(),
  translationOf: z.string().min(1).optional(),
  draft: z.boolean().optional(),
  expires: z.unknown().optional(),
  corrections: z.array(z.looseObject({ date: z.unknown(), text })).optional(),
  redirectFrom: stringList.optional(),
  url: z.string().min(1).optional(),
});

/** Parsed front matter before semantic checks. */
export type ArticleFrontMatter = z.infer<typeof articleSchema>;
