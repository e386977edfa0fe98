import { loadSharp } from './sharp.js';

/** Uncompressed RGBA pixels (not premultiplied), as sharp's `raw()` gives them. */
export interface RgbaImage {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * One byte a pixel: how much of it the ink covers (text as Pango sets it). Text is one colour,
 * given when it is drawn: a quarter of the pixels of an RGBA layer to make, copy and blend
 * (setting a headline as a mask costs about half the CPU of setting it in RGBA, measured).
 */
export interface InkMask {
  data: Buffer;
  width: number;
  height: number;
}

const colours = new Map<string, Promise<[number, number, number]>>();

/** A CSS colour as 8-bit sRGB, parsed by sharp (the same parser its `background` options use). */
export function rgbOf(colour: string): Promise<[number, number, number]> {
  let rgb = colours.get(colour);
  if (!rgb) {
    rgb = loadSharp()
      .then((sharp) => sharp({ create: { width: 1, height: 1, channels: 3, background: colour } }).raw().toBuffer())
      .then((px) => [px[0]!, px[1]!, px[2]!] as [number, number, number]);
    colours.set(colour, rgb);
  }
  return rgb;
}

/** Pixel buffers of encoded cards, by pixel count, kept for the next cards: as many per size as cards are drawn at once (share-card.ts). */
const spare = new Map<number, Buffer[]>();
const SPARE_PER_SIZE = 4;

/**
 * An RGB canvas for share cards: flat rectangles and text layers blended in place, then one JPEG
 * encode. A card is a flat background with a few layers, so blending only the layers' pixels here
 * costs a fraction of a full-canvas composite in libvips (which converts every pixel of the card
 * for each layer).
 */
export class CardCanvas {
  readonly data: Buffer;

  constructor(
    readonly width: number,
    readonly height: number,
    background: [number, number, number],
    top?: CardCanvas,
    topAt = 0,
  ) {
    // Every byte is painted below. A buffer of an earlier card of the same size is taken when
    // there is one: a fresh one costs its pages' first touch (system time) again.
    this.data = spare.get(width * height)?.pop() ?? Buffer.allocUnsafe(width * height * 3);
    // The rows of `top` (as wide, drawn once for cards of several heights) are copied at row
    // `topAt`, not drawn again; the rows above and below are the background.
    const rows = top && top.width === width && topAt >= 0 && topAt + top.height <= height ? top.height : 0;
    const at = rows ? topAt : 0;
    this.fill(0, 0, width, at, background);
    if (rows) top!.data.copy(this.data, at * width * 3, 0, width * rows * 3);
    this.fill(0, at + rows, width, height - at - rows, background);
  }

  /** Gives the pixels back for the next canvas of this size (the canvas is not used again). */
  release(): void {
    const list = spare.get(this.width * this.height) ?? [];
    if (list.length < SPARE_PER_SIZE) list.push(this.data);
    spare.set(this.width * this.height, list);
  }

  /** Paints a rectangle (clipped to the canvas) in one colour. */
  fill(left: number, top: number, w: number, h: number, [r, g, b]: [number, number, number]): void {
    const x0 = Math.max(0, left);
    const x1 = Math.min(this.width, left + w);
    const y0 = Math.max(0, top);
    const y1 = Math.min(this.height, top + h);
    if (x1 <= x0 || y1 <= y0) return;
    const colour = Buffer.from([r, g, b]);
    // Full-width rectangles are one run of bytes: one native fill; others one fill a row.
    if (x0 === 0 && x1 === this.width) {
      this.data.fill(colour, y0 * this.width * 3, y1 * this.width * 3);
      return;
    }
    for (let y = y0; y < y1; y++) this.data.fill(colour, (y * this.width + x0) * 3, (y * this.width + x1) * 3);
  }

  /** Blends an RGBA layer over the canvas at `left`, `top` ("over", straight alpha), clipped to the canvas. */
  draw(img: RgbaImage, left: number, top: number): void {
    const s = img.data;
    const [x0, x1, y0, y1] = this.clip(img, left, top);
    for (let y = y0; y < y1; y++) {
      let si = (y * img.width + x0) * 4;
      let di = ((top + y) * this.width + left + x0) * 3;
      for (let x = x0; x < x1; x++, si += 4, di += 3) {
        // Text layers are mostly transparent: those pixels cost one read.
        const a = s[si + 3]!;
        if (a !== 0) this.blend(di, s[si]!, s[si + 1]!, s[si + 2]!, a);
      }
    }
  }

  /** Paints `colour` through an ink mask at `left`, `top` (the mask's coverage as alpha), clipped to the canvas. */
  ink(mask: InkMask, left: number, top: number, [r, g, b]: [number, number, number]): void {
    const m = mask.data;
    const [x0, x1, y0, y1] = this.clip(mask, left, top);
    for (let y = y0; y < y1; y++) {
      let si = y * mask.width + x0;
      let di = ((top + y) * this.width + left + x0) * 3;
      for (let x = x0; x < x1; x++, si++, di += 3) {
        // Most of a text layer is bare: those pixels cost one read.
        const a = m[si]!;
        if (a !== 0) this.blend(di, r, g, b, a);
      }
    }
  }

  /** The columns and rows of a layer at `left`, `top` inside the canvas, found once rather than tested at every pixel. */
  private clip(layer: { width: number; height: number }, left: number, top: number): [number, number, number, number] {
    return [Math.max(0, -left), Math.min(layer.width, this.width - left), Math.max(0, -top), Math.min(layer.height, this.height - top)];
  }

  /** One pixel of `r, g, b` at coverage `a` over the canvas's pixel at byte `di`. */
  private blend(di: number, r: number, g: number, b: number, a: number): void {
    const d = this.data;
    if (a === 255) {
      d[di] = r;
      d[di + 1] = g;
      d[di + 2] = b;
      return;
    }
    const rest = 255 - a;
    d[di] = (r * a + d[di]! * rest + 127) / 255;
    d[di + 1] = (g * a + d[di + 1]! * rest + 127) / 255;
    d[di + 2] = (b * a + d[di + 2]! * rest + 127) / 255;
  }

  /**
   * The canvas as a baseline JPEG, with libjpeg's standard Huffman tables: optimising them costs
   * a second pass over the image (twice the encode time, measured) for a few per cent of bytes on
   * a card of flat colours and text.
   */
  async jpeg(quality: number): Promise<Buffer> {
    const sharp = await loadSharp();
    const jpeg = await sharp(this.data, { raw: { width: this.width, height: this.height, channels: 3 } })
      .jpeg({ quality, mozjpeg: false, optimiseCoding: false })
      .toBuffer();
    // Encoded: the pixels are free for the next card of this size.
    this.release();
    return jpeg;
  }
}
