import sharp from 'sharp';

/** Uncompressed RGBA pixels (not premultiplied), as sharp's `raw()` gives them. */
export interface RgbaImage {
  data: Buffer;
  width: number;
  height: number;
}

const colours = new Map<string, Promise<[number, number, number]>>();

/** A CSS colour as 8-bit sRGB, parsed by sharp (the same parser its `background` options use). */
export function rgbOf(colour: string): Promise<[number, number, number]> {
  let rgb = colours.get(colour);
  if (!rgb) {
    rgb = sharp({ create: { width: 1, height: 1, channels: 3, background: colour } })
      .raw()
      .toBuffer()
      .then((px) => [px[0]!, px[1]!, px[2]!] as [number, number, number]);
    colours.set(colour, rgb);
  }
  return rgb;
}

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
  ) {
    this.data = Buffer.alloc(width * height * 3);
    this.fill(0, 0, width, height, background);
  }

  /** Paints a rectangle (clipped to the canvas) in one colour. */
  fill(left: number, top: number, w: number, h: number, [r, g, b]: [number, number, number]): void {
    const x0 = Math.max(0, left);
    const x1 = Math.min(this.width, left + w);
    const y0 = Math.max(0, top);
    const y1 = Math.min(this.height, top + h);
    if (x1 <= x0 || y1 <= y0) return;
    // One row painted pixel by pixel, the others copied from it.
    const row = (y0 * this.width + x0) * 3;
    const bytes = (x1 - x0) * 3;
    for (let i = row; i < row + bytes; i += 3) {
      this.data[i] = r;
      this.data[i + 1] = g;
      this.data[i + 2] = b;
    }
    for (let y = y0 + 1; y < y1; y++) this.data.copy(this.data, (y * this.width + x0) * 3, row, row + bytes);
  }

  /** Blends an RGBA layer over the canvas at `left`, `top` ("over", straight alpha), clipped to the canvas. */
  draw(img: RgbaImage, left: number, top: number): void {
    const d = this.data;
    const s = img.data;
    for (let y = 0; y < img.height; y++) {
      const cy = top + y;
      if (cy < 0 || cy >= this.height) continue;
      for (let x = 0; x < img.width; x++) {
        const cx = left + x;
        if (cx < 0 || cx >= this.width) continue;
        const si = (y * img.width + x) * 4;
        const a = s[si + 3]!;
        if (a === 0) continue;
        const di = (cy * this.width + cx) * 3;
        if (a === 255) {
          d[di] = s[si]!;
          d[di + 1] = s[si + 1]!;
          d[di + 2] = s[si + 2]!;
          continue;
        }
        const rest = 255 - a;
        d[di] = (s[si]! * a + d[di]! * rest + 127) / 255;
        d[di + 1] = (s[si + 1]! * a + d[di + 1]! * rest + 127) / 255;
        d[di + 2] = (s[si + 2]! * a + d[di + 2]! * rest + 127) / 255;
      }
    }
  }

  /** The canvas as a baseline JPEG. */
  jpeg(quality: number): Promise<Buffer> {
    return sharp(this.data, { raw: { width: this.width, height: this.height, channels: 3 } })
      .jpeg({ quality, mozjpeg: false })
      .toBuffer();
  }
}
