import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { RATIOS } from "../../src/core/catalog.ts";
import { frameSize } from "../../src/core/frame-size.ts";
import { bundledPath, locate, useMediaBinaries } from "../../src/media/binaries.ts";
import { probe, run } from "../../src/media/ffmpeg.ts";
import { PreviewProvider } from "../../src/providers/preview/client.ts";
import { claim } from "../../src/providers/preview/owner.ts";
import { videoRequest as request } from "../support/video-request.ts";

const dir = mkdtempSync(join(tmpdir(), "framecast-preview-"));
const images: Record<string, { bytes: Uint8Array; mimeType: string }> = {};
let clock = 0;
const provider = new PreviewProvider({
  outputDir: dir,
  previewSeconds: 4,
  now: () => clock,
  fetchImage: async (url) => {
    const image = images[url];
    if (image === undefined) throw new Error(`no image at ${url}`);
    return image;
  },
});

beforeAll(async () => {
  // Two real pictures: a 4:3 test pattern and a portrait one.
  for (const [name, source] of [
    ["a", "testsrc=s=320x240:d=1"],
    ["b", "color=c=red:s=200x300:d=1"],
  ] as const) {
    const path = join(dir, `${name}.png`);
    await run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", source, "-frames:v", "1", path]);
    images[`https://cdn.test/${name}.png`] = { bytes: readFileSync(path), mimeType: "image/png" };
  }
});

/** Submits, lets the render finish and the preview time pass, and returns the video's facts. */
async function make(r: Parameters<typeof request>[0]) {
  const job = await provider.submit(request(r), { idempotencyKey: "k" });
  await provider.rendered(job);
  clock += 4_000;
  const status = await provider.status(job);
  if (status.state !== "succeeded") throw new Error(`not done: ${JSON.stringify(status)}`);
  return { status, info: await probe(fileURLToPath(status.videoUrl)) };
}

describe("the preview provider", () => {
  it.each(RATIOS.map((ratio) => [ratio]))(
    "GIVEN ratio %s THEN a valid MP4 of that size, length and audio",
    async (ratio) => {
      const audio = ratio !== "1:1";
      const { info } = await make({ model: "v6", ratio, duration: 1, quality: "360p", audio });
      expect(info).toMatchObject({ ...frameSize(ratio, "360p"), hasAudio: audio, videoCodec: "h264" });
      expect(info.durationSeconds).toBeCloseTo(1, 1);
    },
  );

  it("GIVEN the preview time THEN running with progress, then done", async () => {
    const job = await provider.submit(request({ model: "v6", duration: 2, quality: "360p" }), {
      idempotencyKey: "k",
    });
    expect(await provider.status(job)).toEqual({ state: "running", progress: 0 });
    await provider.rendered(job);
    clock += 2_000;
    expect(await provider.status(job)).toEqual({ state: "running", progress: 50 });
    clock += 2_000;
    expect(await provider.status(job)).toMatchObject({
      state: "succeeded",
      durationSeconds: 2,
      width: 360,
      height: 640,
    });
  });

  it("GIVEN an image and no ratio THEN a slow zoom over it, shaped like the picture", async () => {
    const { info } = await make({
      mode: "image-to-video",
      firstFrame: "https://cdn.test/b.png",
      ratio: null,
      model: "v6",
      duration: 2,
      quality: "360p",
      audio: false,
    });
    expect(info).toMatchObject({ width: 360, height: 540, hasAudio: false });
  });

  it("GIVEN first and last frames THEN one video from the first to the last", async () => {
    const { info } = await make({
      mode: "transition",
      firstFrame: "https://cdn.test/a.png",
      lastFrame: "https://cdn.test/b.png",
      ratio: "16:9",
      model: "v6",
      duration: 2,
      quality: "360p",
    });
    expect(info).toMatchObject({ width: 640, height: 360, hasAudio: true });
    expect(info.durationSeconds).toBeCloseTo(2, 1);
  });

  it("GIVEN renders done, and one whose image can't be fetched THEN no work folder is left behind", async () => {
    await make({
      mode: "image-to-video",
      firstFrame: "https://cdn.test/a.png",
      model: "v6",
      duration: 1,
      quality: "360p",
    });
    await expect(
      provider.submit(request({ mode: "image-to-video", firstFrame: "https://cdn.test/none.png" }), {
        idempotencyKey: "k",
      }),
    ).rejects.toThrow("no image at");
    expect(readdirSync(dir).filter((name) => name.endsWith(".work"))).toEqual([]);
  });

  it("GIVEN a restart THEN a finished preview is still found, an unfinished one is a retryable failure", async () => {
    const { status } = await make({ model: "v6", duration: 1, quality: "360p" });
    const restarted = new PreviewProvider({
      outputDir: dir,
      previewSeconds: 4,
      fetchImage: async () => ({ bytes: new Uint8Array(), mimeType: "image/png" }),
    });
    const id =
      fileURLToPath(status.state === "succeeded" ? status.videoUrl : "")
        .split("/")
        .pop()
        ?.replace(".mp4", "") ?? "";
    expect(await restarted.status({ provider: "preview", id })).toMatchObject({ state: "succeeded" });
    expect(
      await restarted.status({ provider: "preview", id: "00000000-0000-4000-8000-000000000000" }),
    ).toMatchObject({
      state: "failed",
      code: "preview_lost_on_restart",
      retryable: true,
    });
  });
});

describe("several processes asking about one preview", () => {
  // Another bot process on this machine: same data folder, its own pid (our parent's, alive).
  const neighbour = () =>
    new PreviewProvider({
      outputDir: dir,
      previewSeconds: 4,
      now: () => clock,
      fetchImage: async () => ({ bytes: new Uint8Array(), mimeType: "image/png" }),
      renderer: { pid: process.ppid, host: hostname(), token: "neighbour" },
    });

  it("GIVEN a job another live process here is rendering THEN running meanwhile, then its file once it is whole", async () => {
    // This test's process plays the renderer: alive, and not the neighbour.
    const id = "00000000-0000-4000-8000-00000000000a";
    await mkdir(join(dir, `${id}.work`), { recursive: true });
    await claim(join(dir, `${id}.work`), { pid: process.pid, host: hostname(), token: "renderer" }, clock);
    const other = neighbour();
    clock += 2_000;
    expect(await other.status({ provider: "preview", id })).toEqual({ state: "running", progress: 50 });
    copyFileSync(new URL("../fixtures/tiny.mp4", import.meta.url), join(dir, `${id}.mp4`));
    expect(await other.status({ provider: "preview", id })).toMatchObject({ state: "succeeded" });
  });

  it("GIVEN a job whose renderer is elsewhere (another machine, or stopped) THEN rendered again here from its request", async () => {
    const asked = request({ model: "v6", duration: 1, quality: "360p" });
    const job = await provider.submit(asked, { idempotencyKey: "k" });
    const elsewhere = new PreviewProvider({
      outputDir: mkdtempSync(join(tmpdir(), "framecast-preview-elsewhere-")),
      previewSeconds: 4,
      now: () => clock,
      fetchImage: async () => ({ bytes: new Uint8Array(), mimeType: "image/png" }),
    });
    expect(await elsewhere.status(job, undefined, asked)).toEqual({ state: "running", progress: 0 });
    await elsewhere.rendered(job);
    clock += 4_000;
    expect(await elsewhere.status(job, undefined, asked)).toMatchObject({ state: "succeeded" });
  });
});

describe("without ffmpeg", () => {
  it("GIVEN a configured ffprobe that doesn't exist THEN a clear error saying what to do", async () => {
    useMediaBinaries({ ffprobe: "/nonexistent/ffprobe" });
    try {
      await expect(probe("/tmp/x.mp4")).rejects.toThrow(
        "ffprobe was not found: not on PATH, and npm install brought no build for this platform. Install it",
      );
    } finally {
      useMediaBinaries({});
    }
  });

  it("GIVEN no ffmpeg on PATH THEN the build npm install brought renders the preview", async () => {
    const found = await locate("ffmpeg", undefined, "/nonexistent");
    expect(found?.source).toBe("bundled");
    expect(found?.path).toBe(bundledPath("ffmpeg"));
  });
});
