/** Everything that goes into a page's `<head>` besides the title and CSS. */
export interface HeadMeta {
  /** The `<title>` text. */
  title: string;
  description: string;
  /** Absolute canonical URL. */
  canonical: string;
  /** `<meta name=… content=…>` pairs (robots, twitter:*, description…). */
  names: [string, string][];
  /** `<meta property=… content=…>` pairs (og:*, article:*). */
  properties: [string, string][];
  /** `<link rel="alternate" hreflang=…>` entries, reciprocal between translations, plus x-default. */
  alternates: { hreflang: string; href: string }[];
  /** `<link rel="alternate" type=…>` feeds for discovery. */
  feeds: { type: string; title: string; href: string }[];
  /** `<link rel="prev|next">` for paginated lists. */
  prev?: string;
  next?: string;
  /** JSON-LD objects, each written as its own `<script type="application/ld+json">`. */
  jsonLd: object[];
}
