import http from 'node:http';
import sharp from 'sharp';
import { article, makeSite } from './project.js';

/** The English and Arabic test stories with one embed of each kind. */
export const EMBED_ARTICLE = 'content/articles/2025/05/embeds-everywhere/index.md';
export const EMBED_ARTICLE_AR = 'content/articles/2025/05/embeds-everywhere-ar/index.md';
export const EMBED_URL = '/politics/2025/05/embeds-everywhere/';
export const EMBED_URL_AR = '/ar/politics/2025/05/embeds-everywhere-ar/';

/** The YouTube video whose oEmbed answer (from the stand-in server) carries a thumbnail. */
export const OEMBED_VIDEO = 'https://www.youtube.com/watch?v=M7lc1UVf-VE';
/** The chart whose oEmbed answer carries a title (the English story gives it as a bare URL). */
export const OEMBED_CHART = 'https://public.flourish.studio/visualisation/1234567/';
export const OEMBED_CHART_TITLE = 'Where the money goes & why';

const BODY_EN = `The council met on Tuesday. Here is the debate, the reactions and the numbers.

::embed[Filmed from the public gallery.]{url="https://www.youtube.com/watch?v=M7lc1UVf-VE" title="The council debates the budget"}

::embed{url="https://vimeo.com/76979871" title="Weavers at work in the old city" poster="weavers-still.jpg"}

https://x.com/newsdesk/status/1460323737035677698

::embed{url="https://www.instagram.com/p/CxYz123AbC/" title="Photos from the sit-in"}

::embed{url="https://www.tiktok.com/@newsdesk/video/7106594312292453675" title="The budget in sixty seconds"}

::embed{url="https://bsky.app/profile/newsdesk.example.org/post/3kq2abcxyz22" title="Our reporter's correction"}

::embed{url="https://social.example.org/@newsdesk/111222333444555666" title="Notes from the hearing"}

<iframe title="Bread prices, 2015–2025" src="https://datawrapper.dwcdn.net/AbC12/3/" width="600" height="400" frameborder="0"></iframe>

https://public.flourish.studio/visualisation/1234567/

::embed{url="https://www.documentcloud.org/documents/2461297-budget-2026" title="The draft budget"}

::embed{url="https://www.openstreetmap.org/#map=15/31.9539/35.9106" title="The council building"}

The vote is expected next week.
`;

const BODY_AR = `اجتمع المجلس يوم الثلاثاء. هذه هي المناقشة وردود الفعل والأرقام.

::embed[صُوّر من شرفة الجمهور.]{url="https://www.youtube.com/watch?v=M7lc1UVf-VE" title="المجلس يناقش الموازنة"}

::embed{url="https://vimeo.com/76979871" title="نساجون في المدينة القديمة" poster="weavers-still.jpg"}

::embed{url="https://x.com/newsdesk/status/1460323737035677698" title="بيان الوزارة"}

::embed{url="https://www.instagram.com/p/CxYz123AbC/" title="صور من الاعتصام"}

::embed{url="https://www.tiktok.com/@newsdesk/video/7106594312292453675" title="الموازنة في ستين ثانية"}

::embed{url="https://bsky.app/profile/newsdesk.example.org/post/3kq2abcxyz22" title="تصحيح من مراسلنا"}

::embed{url="https://social.example.org/@newsdesk/111222333444555666" title="ملاحظات من الجلسة"}

::embed{url="https://datawrapper.dwcdn.net/AbC12/3/" title="أسعار الخبز" ratio="3:2"}

::embed{url="https://public.flourish.studio/visualisation/1234567/" title="أين يذهب المال"}

::embed{url="https://www.documentcloud.org/documents/2461297-budget-2026" title="مشروع الموازنة"}

::embed{url="https://www.openstreetmap.org/#map=15/31.9539/35.9106" title="مبنى المجلس"}

يتوقع أن يجري التصويت الأسبوع المقبل.
`;

/** A plain JPEG made here (a gradient), for posters and thumbnails. */
export function testJpeg(width: number, height: number, hue: [number, number, number]): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const t = (x + y) / (width + height);
      raw[i] = Math.round(hue[0] * (0.4 + 0.6 * t));
      raw[i + 1] = Math.round(hue[1] * (0.4 + 0.6 * t));
      raw[i + 2] = Math.round(hue[2] * (0.4 + 0.6 * t));
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
}

/** A site with the English and Arabic embed stories (and a second story without embeds). */
export async function makeEmbedSite(): Promise<string> {
  const still = await testJpeg(960, 540, [40, 110, 160]);
  return makeSite({
    [EMBED_ARTICLE]: article({ title: 'Embeds everywhere', summary: 'Every kind of embed in one story.' }, BODY_EN),
    'content/articles/2025/05/embeds-everywhere/weavers-still.jpg': still,
    [EMBED_ARTICLE_AR]: article({ title: 'كل أنواع التضمين', summary: 'قصة فيها كل أنواع التضمين.', lang: 'ar', translationOf: 'embeds-everywhere' }, BODY_AR),
    'content/articles/2025/05/embeds-everywhere-ar/weavers-still.jpg': still,
    'content/articles/2025/05/plain-story/index.md': article({ title: 'A plain story', date: '2025-05-04T09:00:00+03:00' }),
  });
}

/**
 * A stand-in for providers' oEmbed endpoints on 127.0.0.1: `/oembed?url=…` answers for
 * OEMBED_VIDEO (with a thumbnail it also serves) and OEMBED_CHART (a title), 404 for anything else. Records each path asked.
 */
export async function serveOembed(): Promise<{ base: string; requests: string[]; close: () => Promise<void> }> {
  const thumbnail = await testJpeg(480, 360, [170, 60, 40]);
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    requests.push(u.pathname + u.search);
    const { port } = server.address() as { port: number };
    if (u.pathname === '/oembed' && u.searchParams.get('url') === OEMBED_VIDEO) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'video', version: '1.0', title: 'Council debate', thumbnail_url: `http://127.0.0.1:${port}/thumb.jpg`, thumbnail_width: 480, thumbnail_height: 360 }));
    } else if (u.pathname === '/api/v1/oembed' && u.searchParams.get('url') === OEMBED_CHART) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'rich', version: '1.0', title: OEMBED_CHART_TITLE, html: '<iframe></iframe>' }));
    } else if (u.pathname === '/thumb.jpg') {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.end(thumbnail);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { base: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}
