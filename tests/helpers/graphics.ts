import sharp from 'sharp';

/** A chart as some tools export it: a script, an event handler, external references and a `javascript:` link. */
export const HOSTILE_SVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="600" height="300" viewBox="0 0 600 300" onload="alert('svg')">
  <style>@import url(https://tracker.example/chart.css); .bar { fill: url(#grad); } .bg { fill: url(https://tracker.example/p.svg#x); }</style>
  <defs><linearGradient id="grad"><stop offset="0" stop-color="#a3161a"/><stop offset="1" stop-color="#0b4f8a"/></linearGradient></defs>
  <script>document.cookie</script>
  <rect id="bar" class="bar" x="20" y="50" width="200" height="200"/>
  <use xlink:href="#bar" x="300"/>
  <image href="https://tracker.example/pixel.png" width="1" height="1"/>
  <a href="javascript:alert(1)"><text x="20" y="40" font-size="24">Wheat prices, 2024</text></a>
</svg>`;

/** Frames of one colour each, 200 ms apart, joined into a looping animated GIF. */
export async function animatedGif(colours: string[], width = 320, height = 180): Promise<Buffer> {
  const frames = await Promise.all(colours.map((background) => sharp({ create: { width, height, channels: 3, background } }).png().toBuffer()));
  return sharp(frames, { join: { animated: true } }).gif({ delay: colours.map(() => 200), loop: 0 }).toBuffer();
}

/** A one-colour still GIF. */
export function stillGif(width = 640, height = 360, background = '#55aa77'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } }).gif().toBuffer();
}
