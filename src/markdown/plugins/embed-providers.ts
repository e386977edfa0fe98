/**
 * The embed providers dateline knows, as data: which URLs belong to each (links editors paste and
 * the `src` of the iframes providers hand out), the player URL loaded after a reader's click, the
 * box's aspect ratio, the kind of content and the provider's oEmbed endpoint.
 */

/** What an embed shows; decides the label and how wide the box may grow. */
export type EmbedKind = 'video' | 'post' | 'chart' | 'document' | 'map';

/** One provider. */
export interface EmbedProvider {
  /** Stable id, used as a class name (`embed--youtube`). */
  id: string;
  /** Name shown to readers and in messages. */
  name: string;
  kind: EmbedKind;
  /** Width / height of the box. */
  ratio: [number, number];
  /** Regular expressions on the whole URL; the first that matches gives the groups `embed` uses. */
  patterns: RegExp[];
  /** The iframe URL loaded after the click, from the match's named groups. */
  embed: (g: Record<string, string>) => string;
  /** The address readers open without JavaScript (the original post or page). */
  link: (g: Record<string, string>, url: string) => string;
  /** The provider's oEmbed endpoint for a URL, when it has a public one. */
  oembed?: (url: string, g: Record<string, string>) => string;
  /** Origins the iframe is loaded from, for the Content-Security-Policy (`frame-src`); `*` means the URL's own. */
  frameOrigins: string[];
}

const YT_ID = '(?<id>[A-Za-z0-9_-]{11})';
const enc = encodeURIComponent;

/** Every provider, in the order they are tried and listed to editors. */
export const PROVIDERS: EmbedProvider[] = [
  {
    id: 'youtube',
    name: 'YouTube',
    kind: 'video',
    ratio: [16, 9],
    patterns: [
      new RegExp(`^https?://(?:www\\.|m\\.)?youtube\\.com/watch\\?(?:[^#]*&)?v=${YT_ID}`),
      new RegExp(`^https?://youtu\\.be/${YT_ID}`),
      new RegExp(`^https?://(?:www\\.)?youtube(?:-nocookie)?\\.com/(?:embed|shorts|live)/${YT_ID}`),
    ],
    embed: (g) => `https://www.youtube-nocookie.com/embed/${g.id}?autoplay=1`,
    link: (g) => `https://www.youtube.com/watch?v=${g.id}`,
    oembed: (url) => `https://www.youtube.com/oembed?format=json&url=${enc(url)}`,
    frameOrigins: ['https://www.youtube-nocookie.com'],
  },
  {
    id: 'vimeo',
    name: 'Vimeo',
    kind: 'video',
    ratio: [16, 9],
    patterns: [/^https?:\/\/(?:www\.)?vimeo\.com\/(?:channels\/[\w-]+\/)?(?<id>\d+)(?:\/(?<hash>[0-9a-f]+))?/, /^https?:\/\/player\.vimeo\.com\/video\/(?<id>\d+)(?:\?(?:[^#]*&)?h=(?<hash>[0-9a-f]+))?/],
    embed: (g) => `https://player.vimeo.com/video/${g.id}?dnt=1&autoplay=1${g.hash ? `&h=${g.hash}` : ''}`,
    link: (g) => `https://vimeo.com/${g.id}${g.hash ? `/${g.hash}` : ''}`,
    oembed: (url) => `https://vimeo.com/api/oembed.json?url=${enc(url)}`,
    frameOrigins: ['https://player.vimeo.com'],
  },
  {
    id: 'x',
    name: 'X',
    kind: 'post',
    ratio: [4, 5],
    patterns: [/^https?:\/\/(?:www\.|mobile\.)?(?:twitter|x)\.com\/(?<user>\w{1,15})\/status(?:es)?\/(?<id>\d+)/, /^https?:\/\/platform\.twitter\.com\/embed\/Tweet\.html\?(?:[^#]*&)?id=(?<id>\d+)/],
    embed: (g) => `https://platform.twitter.com/embed/Tweet.html?dnt=true&id=${g.id}`,
    link: (g) => `https://x.com/${g.user ?? 'i'}/status/${g.id}`,
    oembed: (url) => `https://publish.twitter.com/oembed?dnt=true&omit_script=true&url=${enc(url)}`,
    frameOrigins: ['https://platform.twitter.com'],
  },
  {
    id: 'instagram',
    name: 'Instagram',
    kind: 'post',
    ratio: [4, 5],
    patterns: [/^https?:\/\/(?:www\.)?instagram\.com\/(?:[\w.]+\/)?(?<type>p|reel|tv)\/(?<id>[\w-]+)/],
    embed: (g) => `https://www.instagram.com/${g.type}/${g.id}/embed/`,
    link: (g) => `https://www.instagram.com/${g.type}/${g.id}/`,
    frameOrigins: ['https://www.instagram.com'],
  },
  {
    id: 'tiktok',
    name: 'TikTok',
    kind: 'video',
    ratio: [9, 16],
    patterns: [/^https?:\/\/(?:www\.)?tiktok\.com\/@(?<user>[\w.-]+)\/video\/(?<id>\d+)/, /^https?:\/\/(?:www\.)?tiktok\.com\/embed\/(?:v2\/)?(?<id>\d+)/],
    embed: (g) => `https://www.tiktok.com/embed/v2/${g.id}`,
    link: (g) => (g.user ? `https://www.tiktok.com/@${g.user}/video/${g.id}` : `https://www.tiktok.com/embed/v2/${g.id}`),
    oembed: (url) => `https://www.tiktok.com/oembed?url=${enc(url)}`,
    frameOrigins: ['https://www.tiktok.com'],
  },
  {
    id: 'bluesky',
    name: 'Bluesky',
    kind: 'post',
    ratio: [4, 5],
    patterns: [
      /^https?:\/\/bsky\.app\/profile\/(?<actor>[\w.:-]+)\/post\/(?<id>[\w]+)/,
      /^https?:\/\/embed\.bsky\.app\/embed\/(?<actor>[\w.:-]+)\/app\.bsky\.feed\.post\/(?<id>[\w]+)/,
    ],
    embed: (g) => `https://embed.bsky.app/embed/${g.actor}/app.bsky.feed.post/${g.id}`,
    link: (g) => `https://bsky.app/profile/${g.actor}/post/${g.id}`,
    oembed: (url) => `https://embed.bsky.app/oembed?format=json&url=${enc(url)}`,
    frameOrigins: ['https://embed.bsky.app'],
  },
  {
    id: 'mastodon',
    name: 'Mastodon',
    kind: 'post',
    ratio: [4, 5],
    // Any server: a status is `/@user/123…` (the user may name another server: `@user@host`).
    patterns: [/^https:\/\/(?<host>[a-z0-9.-]+\.[a-z]{2,})\/@(?<user>[\w.]+(?:@[a-z0-9.-]+)?)\/(?<id>\d{6,})(?:\/embed)?\/?(?:[?#].*)?$/i],
    embed: (g) => `https://${g.host}/@${g.user}/${g.id}/embed`,
    link: (g) => `https://${g.host}/@${g.user}/${g.id}`,
    oembed: (url, g) => `https://${g.host}/api/oembed?url=${enc(url)}`,
    frameOrigins: ['*'],
  },
  {
    id: 'datawrapper',
    name: 'Datawrapper',
    kind: 'chart',
    ratio: [4, 3],
    patterns: [/^https?:\/\/datawrapper\.dwcdn\.net\/(?<id>\w{5})(?:\/(?<v>\d+))?/, /^https?:\/\/app\.datawrapper\.de\/chart\/(?<id>\w{5})/],
    embed: (g) => `https://datawrapper.dwcdn.net/${g.id}/${g.v ? `${g.v}/` : ''}`,
    link: (g) => `https://datawrapper.dwcdn.net/${g.id}/${g.v ? `${g.v}/` : ''}`,
    oembed: (url) => `https://api.datawrapper.de/v3/oembed?format=json&url=${enc(url)}`,
    frameOrigins: ['https://datawrapper.dwcdn.net'],
  },
  {
    id: 'flourish',
    name: 'Flourish',
    kind: 'chart',
    ratio: [4, 3],
    patterns: [/^https?:\/\/(?:public\.flourish\.studio|flo\.uri\.sh)\/(?<type>visualisation|story)\/(?<id>\d+)/],
    embed: (g) => `https://flo.uri.sh/${g.type}/${g.id}/embed`,
    link: (g) => `https://public.flourish.studio/${g.type}/${g.id}/`,
    oembed: (url) => `https://app.flourish.studio/api/v1/oembed?format=json&url=${enc(url)}`,
    frameOrigins: ['https://flo.uri.sh'],
  },
  {
    id: 'documentcloud',
    name: 'DocumentCloud',
    kind: 'document',
    ratio: [3, 4],
    patterns: [/^https?:\/\/(?:www\.|embed\.|beta\.)?documentcloud\.org\/documents\/(?<id>\d+(?:-[\w-]+)?)/],
    embed: (g) => `https://embed.documentcloud.org/documents/${g.id}/?embed=1`,
    link: (g) => `https://www.documentcloud.org/documents/${g.id}/`,
    oembed: (url) => `https://api.www.documentcloud.org/api/oembed/?url=${enc(url)}`,
    frameOrigins: ['https://embed.documentcloud.org'],
  },
  {
    id: 'openstreetmap',
    name: 'OpenStreetMap',
    kind: 'map',
    ratio: [4, 3],
    patterns: [/^https?:\/\/(?:www\.)?openstreetmap\.org\/export\/embed\.html\?(?<query>[^#\s]+)/, /^https?:\/\/(?:www\.)?openstreetmap\.org\/[^#\s]*#map=(?<zoom>\d+)\/(?<lat>-?[\d.]+)\/(?<lon>-?[\d.]+)/],
    embed: (g) => `https://www.openstreetmap.org/export/embed.html?${g.query ?? osmQuery(g)}`,
    link: (g, url) => (g.query ? url : `https://www.openstreetmap.org/#map=${g.zoom}/${g.lat}/${g.lon}`),
    frameOrigins: ['https://www.openstreetmap.org'],
  },
  {
    id: 'google-maps',
    name: 'Google Maps',
    kind: 'map',
    ratio: [4, 3],
    // Only Google's "Embed a map" address can be framed without an API key.
    patterns: [/^https?:\/\/(?:www\.)?google\.[a-z.]+\/maps\/embed\?(?<query>pb=[^#\s]+)/],
    embed: (g) => `https://www.google.com/maps/embed?${g.query}`,
    link: (g) => `https://www.google.com/maps/embed?${g.query}`,
    frameOrigins: ['https://www.google.com'],
  },
];

/** The OpenStreetMap embed query for a `#map=zoom/lat/lon` view: a box about as wide as the view, with a marker. */
function osmQuery(g: Record<string, string>): string {
  const lat = Number(g.lat);
  const lon = Number(g.lon);
  const half = 180 / 2 ** Number(g.zoom);
  const bbox = [lon - half, lat - half / 2, lon + half, lat + half / 2].map((n) => n.toFixed(5)).join(',');
  return `bbox=${enc(bbox)}&layer=mapnik&marker=${lat},${lon}`;
}

/** A URL matched to its provider. */
export interface EmbedMatch {
  provider: EmbedProvider;
  /** The player URL for the iframe. */
  src: string;
  /** The original post or page. */
  link: string;
  /** The oEmbed request for this URL, when the provider has an endpoint. */
  oembed?: string;
}

/** Finds the provider of a URL (a link to a post or video, or an iframe's `src`). */
export function matchEmbed(raw: string): EmbedMatch | undefined {
  const url = raw.trim().replace(/^\/\//, 'https://');
  for (const provider of PROVIDERS) {
    for (const pattern of provider.patterns) {
      const m = pattern.exec(url);
      if (!m) continue;
      const g = Object.fromEntries(Object.entries(m.groups ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
      const match: EmbedMatch = { provider, src: provider.embed(g), link: provider.link(g, url) };
      if (provider.oembed) match.oembed = provider.oembed(match.link, g);
      return match;
    }
  }
  return undefined;
}

/** Provider names for messages: "YouTube, Vimeo, X, …". */
export function providerNames(): string {
  return PROVIDERS.map((p) => p.name).join(', ');
}
