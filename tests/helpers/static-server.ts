import http from 'node:http';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import mime from 'mime-types';

/** Serves a built site on 127.0.0.1 (a free port) like a static host: `/a/` → `/a/index.html`, 404 page. */
export async function serveSite(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    let p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(dir, path.normalize(p));
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { 'content-type': mime.contentType(path.extname(file)) || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(await fs.readFile(path.join(dir, '404.html')).catch(() => 'Not found'));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
