import type { Quality, Ratio } from "./catalog.ts";

const SHORT_SIDE: Readonly<Record<Quality, number>> = {
  "360p": 360,
  "540p": 540,
  "720p": 720,
  "1080p": 1080,
};

/** Pixel size for a ratio at a quality: the short side is the quality's lines; sizes are even. */
export function frameSize(ratio: Ratio, quality: Quality): { width: number; height: number } {
  const [w, h] = ratio.split(":").map(Number) as [number, number];
  const short = SHORT_SIDE[quality];
  const long = Math.round((short * Math.max(w, h)) / Math.min(w, h) / 2) * 2;
  return w >= h ? { width: long, height: short } : { width: short, height: long };
}

/** The same for a picture's own shape (image modes with no ratio given). */
export function frameSizeFor(
  pictureWidth: number,
  pictureHeight: number,
  quality: Quality,
): { width: number; height: number } {
  const short = SHORT_SIDE[quality];
  const even = (n: number): number => Math.max(2, Math.round(n / 2) * 2);
  return pictureWidth >= pictureHeight
    ? { width: even((short * pictureWidth) / pictureHeight), height: short }
    : { width: short, height: even((short * pictureHeight) / pictureWidth) };
}
