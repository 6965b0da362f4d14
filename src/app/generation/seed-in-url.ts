import { SEED_MAX, SEED_MIN } from "../../core/catalog.ts";

/**
 * The seed PixVerse names its finished files with: `…/<uuid>_seed1453814635.mp4` on
 * media.pixverse.ai (reference/seeds/cloudflare-pixverse-v5.6.md: Cloudflare's result is only this
 * URL, with no seed field). Gateways that return PixVerse's file say the seed this way only; the
 * PixVerse API also reports it as `Resp.seed`. Undefined when the name carries none.
 */
export function seedInVideoUrl(url: string): number | undefined {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined;
  }
  const match = /_seed(\d{1,10})\.mp4$/iu.exec(path);
  const seed = match?.[1] === undefined ? undefined : Number(match[1]);
  return seed !== undefined && seed >= SEED_MIN && seed <= SEED_MAX ? seed : undefined;
}
