/** Widths every photo is offered at, when the source is wide enough. */
export const WIDTHS = [480, 800, 1200, 1600, 2400];

/** The widths to encode for a source: never wider than it, never upscaled. */
export function planWidths(sourceWidth: number, widths: readonly number[] = WIDTHS): number[] {
  const fit = widths.filter((w) => w <= sourceWidth);
  if (fit.length === 0) return [sourceWidth];
  return fit;
}

/** Aspect ratios structured data asks for (Google: 16:9, 4:3 and 1:1). */
export const CROPS = { '16x9': 16 / 9, '4x3': 4 / 3, '1x1': 1 } as const;

/** Output size of a crop: as wide as the source allows, capped at 1600 px. */
export function cropSize(width: number, height: number, ratio: number, max = 1600): { width: number; height: number } {
  const w = Math.max(1, Math.min(width, Math.floor(height * ratio), max));
  return { width: w, height: Math.max(1, Math.round(w / ratio)) };
}

/** The largest box of `ratio` in the source, centred on the focal point (x, y in 0–1) as far as it fits. */
export function focusBox(width: number, height: number, ratio: number, focus: [number, number]): { left: number; top: number; width: number; height: number } {
  const boxW = width / height > ratio ? Math.round(height * ratio) : width;
  const boxH = width / height > ratio ? height : Math.round(width / ratio);
  const clamp = (v: number, max: number) => Math.max(0, Math.min(max, Math.round(v)));
  return { left: clamp(focus[0] * width - boxW / 2, width - boxW), top: clamp(focus[1] * height - boxH / 2, height - boxH), width: boxW, height: boxH };
}
