import { createRequire } from 'node:module';
import type { JSDOM as JSDOMType } from 'jsdom';
import type { DOMPurify } from 'dompurify';

// jsdom and DOMPurify are loaded on the first SVG, not at start-up (most builds have none).
const load = createRequire(import.meta.url);

/** What sanitising an SVG removed, in words for a message (e.g. `a <script> element`). */
export interface SanitisedSvg {
  /** The cleaned SVG document, or undefined when the file is not an SVG drawing. */
  svg?: Buffer;
  removed: string[];
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** References that stay inside the file (`#id`) or embed a raster photo. */
const LOCAL_REF = /^\s*(#|data:image\/(png|jpe?g|gif|webp);base64,)/i;
/** `url(…)` in CSS that points outside the file. */
const EXTERNAL_URL = /url\(\s*(?!['"]?\s*#)[^)]*\)/gi;

let purifier: { window: JSDOMType['window']; purify: DOMPurify } | undefined;
let found: string[] = [];

function note(what: string): void {
  if (!found.includes(what)) found.push(what);
}

/** One DOMPurify instance over a jsdom window, made on first use, with hooks for external references. */
function getPurifier(): NonNullable<typeof purifier> {
  if (purifier) return purifier;
  const { JSDOM } = load('jsdom') as typeof import('jsdom');
  const createDOMPurify = load('dompurify') as typeof import('dompurify').default;
  const { window } = new JSDOM('');
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    const name = data.attrName.toLowerCase();
    if ((name === 'href' || name === 'xlink:href' || name === 'src') && !LOCAL_REF.test(data.attrValue)) {
      note(/^\s*javascript:/i.test(data.attrValue) ? 'a `javascript:` link' : `an external reference (\`${data.attrValue.slice(0, 80)}\`)`);
      data.keepAttr = false;
    } else if (EXTERNAL_URL.test(data.attrValue)) {
      note('an external `url(…)` in a style');
      data.attrValue = data.attrValue.replace(EXTERNAL_URL, 'none');
    }
    EXTERNAL_URL.lastIndex = 0;
  });
  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName !== 'style' || !node.textContent) return;
    const css = node.textContent;
    const clean = css.replace(/@import[^;]*;?/gi, '').replace(EXTERNAL_URL, 'none');
    if (clean !== css) {
      note('an external stylesheet or `url(…)` in a <style> element');
      node.textContent = clean;
    }
  });
  purifier = { window, purify };
  return purifier;
}

/** Words for what DOMPurify removed: elements by name, attributes by name. */
function describeRemoved(removed: DOMPurify['removed']): string[] {
  const out: string[] = [];
  for (const r of removed) {
    if ('element' in r && r.element) {
      const name = (r.element as Element).nodeName;
      if (name === 'BODY' || name === '#text' || name === '#comment') continue;
      out.push(`a <${name}> element`);
    } else if ('attribute' in r && r.attribute) {
      const name = r.attribute.name;
      // External references are named by the hook with their address.
      if (/^(xlink:)?href$|^src$/i.test(name)) continue;
      out.push(/^on/i.test(name) ? `an event handler (\`${name}\`)` : `the attribute \`${name}\``);
    }
  }
  return out;
}

/**
 * Parses an SVG file as XML and cleans it with DOMPurify's SVG profile: scripts, event handlers,
 * `<foreignObject>`, `javascript:` links and every reference outside the file (links, `<image>`
 * and `<use>` of other files, `@import` and `url(…)` in styles) are removed; `#id` references and
 * embedded raster images stay. Returns undefined `svg` when the file is not an SVG drawing.
 */
export function sanitiseSvg(bytes: Buffer): SanitisedSvg {
  const { window, purify } = getPurifier();
  const doc = new window.DOMParser().parseFromString(bytes.toString('utf8'), 'image/svg+xml');
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== SVG_NS || root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length) return { removed: [] };
  found = [];
  purify.sanitize(root, { USE_PROFILES: { svg: true, svgFilters: true }, ADD_TAGS: ['use'], IN_PLACE: true });
  const removed = [...new Set([...describeRemoved(purify.removed), ...found])];
  const text = new window.XMLSerializer().serializeToString(root);
  return { svg: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`), removed };
}

/** Whether bytes look like an SVG file (an XML or `<svg` start), before any parsing. */
export function looksLikeSvg(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return /^(<\?xml|<!--|<!DOCTYPE svg|<svg)/i.test(head) && /<svg[\s>]/i.test(bytes.subarray(0, 4096).toString('utf8'));
}
