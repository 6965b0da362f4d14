// Where ffmpeg and ffprobe come from. In order: an explicit path (FFMPEG_PATH / FFPROBE_PATH, read
// by config.ts and handed over with useMediaBinaries), the system's binary on PATH, else the static
// build that `npm install` brought (@ffmpeg-installer/ffmpeg, @ffprobe-installer/ffprobe: the
// binaries are inside the registry packages, nothing is downloaded at install). The drawtext font
// ships the same way (dejavu-fonts-ttf), so a bare machine with only Node and npm renders previews.

import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export type MediaBinary = "ffmpeg" | "ffprobe";

export interface ResolvedBinary {
  readonly path: string;
  readonly source: "configured" | "system" | "bundled";
}

const PACKAGES: Record<MediaBinary, string> = {
  ffmpeg: "@ffmpeg-installer/ffmpeg",
  ffprobe: "@ffprobe-installer/ffprobe",
};

const require = createRequire(import.meta.url);
const configured = new Map<MediaBinary, string>();
const resolved = new Map<MediaBinary, Promise<ResolvedBinary | undefined>>();

/** Paths set by the operator win over PATH and the bundled builds. Called once by main. */
export function useMediaBinaries(paths: { readonly ffmpeg?: string; readonly ffprobe?: string }): void {
  for (const binary of ["ffmpeg", "ffprobe"] as const) {
    const path = paths[binary];
    if (path === undefined) configured.delete(binary);
    else configured.set(binary, path);
    resolved.delete(binary);
  }
}

/** The binary to run, resolved once per process; undefined when there is none anywhere. */
export function resolveBinary(binary: MediaBinary): Promise<ResolvedBinary | undefined> {
  let found = resolved.get(binary);
  if (found === undefined) {
    found = locate(binary, configured.get(binary));
    resolved.set(binary, found);
  }
  return found;
}

/**
 * Finds `binary`: `explicit` if given (not checked here: running it reports what is wrong), else
 * the one on `searchPath` (the process's own PATH when omitted), else the bundled build.
 */
export async function locate(
  binary: MediaBinary,
  explicit: string | undefined = configured.get(binary),
  searchPath?: string,
): Promise<ResolvedBinary | undefined> {
  if (explicit !== undefined) return { path: explicit, source: "configured" };
  if (await runs(binary, searchPath)) return { path: binary, source: "system" };
  const bundled = bundledPath(binary);
  return bundled !== undefined && (await runs(bundled)) ? { path: bundled, source: "bundled" } : undefined;
}

/** The static build installed from the registry for this platform, if there is one. */
export function bundledPath(binary: MediaBinary): string | undefined {
  try {
    const installed = require(PACKAGES[binary]) as { path?: unknown };
    return typeof installed.path === "string" ? installed.path : undefined;
  } catch {
    // The installer package throws for a platform it has no build for.
    return undefined;
  }
}

/** True when `command -version` starts and exits 0. */
function runs(command: string, searchPath?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, ["-version"], {
      stdio: "ignore",
      ...(searchPath === undefined ? {} : { env: { PATH: searchPath } }),
    });
    child.on("error", () => resolve(false));
    child.on("close", (code) => resolve(code === 0));
  });
}

/** The font drawtext uses: fontconfig finds nothing on a machine without fonts installed. */
export function fontFile(): string {
  return join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf", "DejaVuSans.ttf");
}
