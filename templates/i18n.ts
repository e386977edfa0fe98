/** Interface strings of the templates, per language; other languages fall back to English. */
const en = {
  skip: 'Skip to content',
  sections: 'Sections',
  search: 'Search',
  searchPlaceholder: 'Search stories',
  searchNoScript: 'Search needs JavaScript. Browse all stories in the archive instead.',
  browseArchive: 'Browse all stories',
  by: 'By',
  and: 'and',
  published: 'Published',
  updated: 'Updated',
  minRead: (n: string, count: number) => `${n} min read`,
  share: 'Share this article',
  copyLink: 'Copy link',
  copied: 'Link copied',
  email: 'E-mail',
  corrections: 'Corrections',
  correctionsIntro: 'Every correction and clarification we have published, newest first.',
  noCorrections: 'No corrections have been published.',
  correctionOn: 'Correction',
  updateNote: 'Update',
  tags: 'Topics',
  moreFrom: (s: string) => `More from ${s}`,
  latest: 'Latest',
  readIn: 'Read in English',
  page: (n: string) => `Page ${n}`,
  newer: 'Newer',
  older: 'Older',
  pagination: 'Pagination',
  archive: 'Archive',
  allStories: 'All stories',
  feeds: 'Feeds',
  notFoundTitle: 'Page not found',
  notFoundText: 'We could not find that page. It may have moved, or the address may be mistyped.',
  goneTitle: 'This story has been removed',
  goneText: 'This story is no longer available.',
  goHome: 'Go to the front page',
  redirectText: 'This page has moved to',
  draftBanner: 'Draft: not published. Only visible in preview.',
  embargoBanner: (d: string) => `Embargoed until ${d}. Only visible in preview.`,
  draftLabel: 'Draft',
  embargoLabel: (d: string) => `Embargoed until ${d}`,
  photo: 'Photo',
  languages: 'Languages',
  about: 'About',
  ethics: 'Ethics',
  correctionsPolicy: 'Corrections policy',
  contact: 'Contact',
  masthead: 'Masthead',
  staff: 'Staff',
  storiesBy: 'Stories by',
  topic: 'Topic',
  section: 'Section',
};

/** The shape of a language's strings. */
export type Strings = typeof en;

const ar: Strings = {
  skip: 'انتقل إلى المحتوى',
  sections: 'الأقسام',
  search: 'بحث',
  searchPlaceholder: 'ابحث في القصص',
  searchNoScript: 'يحتاج البحث إلى جافاسكربت. تصفّح كل القصص في الأرشيف بدلًا من ذلك.',
  browseArchive: 'تصفّح كل القصص',
  by: 'بقلم',
  and: 'و',
  published: 'نُشر',
  updated: 'حُدّث',
  minRead: (n, count) => {
    const rule = new Intl.PluralRules('ar').select(count);
    const word = rule === 'one' ? 'دقيقة' : rule === 'two' ? 'دقيقتان' : rule === 'few' ? 'دقائق' : 'دقيقة';
    return rule === 'one' || rule === 'two' ? `${word} قراءة` : `${n} ${word} قراءة`;
  },
  share: 'شارك المقال',
  copyLink: 'انسخ الرابط',
  copied: 'نُسخ الرابط',
  email: 'البريد الإلكتروني',
  corrections: 'تصحيحات',
  correctionsIntro: 'كل التصحيحات والتوضيحات التي نشرناها، الأحدث أولًا.',
  noCorrections: 'لم تُنشر أي تصحيحات.',
  correctionOn: 'تصحيح',
  updateNote: 'تحديث',
  tags: 'مواضيع',
  moreFrom: (s) => `المزيد من ${s}`,
  latest: 'الأحدث',
  readIn: 'اقرأ بالعربية',
  page: (n) => `الصفحة ${n}`,
  newer: 'الأحدث',
  older: 'الأقدم',
  pagination: 'التنقل بين الصفحات',
  archive: 'الأرشيف',
  allStories: 'كل القصص',
  feeds: 'الخلاصات',
  notFoundTitle: 'الصفحة غير موجودة',
  notFoundText: 'لم نعثر على هذه الصفحة. ربما نُقلت أو أن العنوان مكتوب خطأ.',
  goneTitle: 'أُزيلت هذه القصة',
  goneText: 'لم تعد هذه القصة متاحة.',
  goHome: 'إلى الصفحة الأولى',
  redirectText: 'انتقلت هذه الصفحة إلى',
  draftBanner: 'مسودة غير منشورة. تظهر في المعاينة فقط.',
  embargoBanner: (d) => `محظورة النشر حتى ${d}. تظهر في المعاينة فقط.`,
  draftLabel: 'مسودة',
  embargoLabel: (d) => `محظورة النشر حتى ${d}`,
  photo: 'صورة',
  languages: 'اللغات',
  about: 'من نحن',
  ethics: 'الأخلاقيات',
  correctionsPolicy: 'سياسة التصحيح',
  contact: 'اتصل بنا',
  masthead: 'هيئة التحرير',
  staff: 'فريق التحرير',
  storiesBy: 'قصص بقلم',
  topic: 'موضوع',
  section: 'قسم',
};

const table: Record<string, Strings> = { en, ar };

/** The interface strings for a language (English when it has none). */
export function strings(lang: string): Strings {
  return table[lang.split('-')[0]!] ?? en;
}

/** The phrase linking to a translation, written in the translation's own language. */
export function readInPhrase(lang: string): string {
  return strings(lang).readIn;
}
