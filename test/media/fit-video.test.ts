import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { probe, run } from "../../src/media/ffmpeg.ts";
import { fitVideo, MIN_VIDEO_KBPS, planFit } from "../../src/media/fit-video.ts";

const info = (durationSeconds: number, hasAudio = true) => ({
  durationSeconds,
  width: 1920,
  height: 1080,
  hasAudio,
  videoCodec: "h264",
});
const MiB = 1024 * 1024;

describe("planning how a video fits an upload limit", () => {
  it("GIVEN a video under the limit THEN it goes as it is", () => {
    expect(planFit(info(8), 9 * MiB, 10 * MiB)).toEqual({ action: "as_is" });
    expect(planFit(info(8), 10 * MiB, 10 * MiB)).toEqual({ action: "as_is" });
  });

  it("GIVEN an 8 s 1080p video of 25 MiB and Discord's 10 MiB THEN re-encoded at the bitrate that fits, at most 1080p", () => {
    const plan = planFit(info(8), 25 * MiB, 10 * MiB);
    expect(plan).toMatchObject({ action: "transcode", audioKbps: 96, maxHeight: 1080 });
    if (plan.action !== "transcode") throw new Error("no transcode");
    // What it would weigh: within the limit, with room for the container.
    expect(((plan.videoKbps + plan.audioKbps) * 1000 * 8) / 8).toBeLessThan(10 * MiB);
  });

  it.each([
    [info(15), 40 * MiB, 2 * MiB, 720],
    [info(15), 40 * MiB, 1 * MiB, 480],
    [info(8, false), 40 * MiB, 1 * MiB, 720],
  ])(
    "GIVEN %j of %i bytes and a limit of %i THEN frames scaled down to %ip as the bitrate drops",
    (i, size, limit, height) => {
      expect(planFit(i, size, limit)).toMatchObject({ action: "transcode", maxHeight: height });
    },
  );

  it("GIVEN a limit that leaves less than a watchable bitrate THEN a link instead, saying why", () => {
    const tiny = planFit(info(15), 40 * MiB, 200 * 1024);
    expect(tiny).toEqual({
      action: "link",
      reason: "it is too long to fit the upload limit at a watchable quality",
    });
    expect(planFit(info(Number.NaN), 40 * MiB, 10 * MiB)).toMatchObject({ action: "link" });
    // Just above the floor: still re-encoded.
    const limit = Math.ceil(((((MIN_VIDEO_KBPS + 97) * 1000) / 8) * 15) / 0.9);
    expect(planFit(info(15), 40 * MiB, limit).action).toBe("transcode");
  });

  it("GIVEN a second attempt (the first came out too large) THEN a lower bitrate", () => {
    const first = planFit(info(8), 25 * MiB, 10 * MiB, 1);
    const second = planFit(info(8), 25 * MiB, 10 * MiB, 2);
    if (first.action !== "transcode" || second.action !== "transcode") throw new Error("no transcode");
    expect(second.videoKbps).toBeLessThan(first.videoKbps);
  });
});

describe("fitting a real video with ffmpeg", () => {
  const dir = mkdtempSync(join(tmpdir(), "framecast-fit-"));
  const source = join(dir, "big.mp4");
  let sizeBytes = 0;

  beforeAll(async () => {
    // 4 s of noise at a high bitrate: hard to compress, like real footage, and quick to make.
    await run("ffmpeg", [
      "-y",
      "-v",
      "error",
      "-f",
      "lavfi",
      "-i",
      "testsrc2=size=640x360:rate=24:duration=4,noise=alls=40:allf=t",
      "-f",
      "lavfi",
      "-i",
      "sine=frequency=440:duration=4",
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-b:v",
      "4M",
      "-c:a",
      "aac",
      "-shortest",
      source,
    ]);
    sizeBytes = statSync(source).size;
  }, 60_000);

  it("GIVEN a video under the limit THEN the file itself", async () => {
    const d = await fitVideo({ path: source, sizeBytes }, sizeBytes, "https://cdn.example/v.mp4", dir);
    expect(d).toEqual({ kind: "file", path: source, sizeBytes });
  });

  it("GIVEN a limit of a third of its size THEN a re-encoded copy within the limit that still plays, with its sound", async () => {
    const limit = Math.floor(sizeBytes / 3);
    const d = await fitVideo({ path: source, sizeBytes }, limit, "https://cdn.example/v.mp4", dir);
    if (d.kind !== "file") throw new Error(`expected a file, got ${JSON.stringify(d)}`);
    expect(d.reencoded).toBe(true);
    expect(d.sizeBytes).toBeLessThanOrEqual(limit);
    expect(statSync(d.path).size).toBe(d.sizeBytes);
    const out = await probe(d.path);
    expect(out.videoCodec).toBe("h264");
    expect(out.hasAudio).toBe(true);
    expect(out.durationSeconds).toBeGreaterThan(3.5);
  }, 60_000);

  it("GIVEN bytes that are not a video (an error page saved as .mp4) THEN refused as not a video, whatever the limit", async () => {
    const { writeFileSync } = await import("node:fs");
    const junk = join(dir, "junk.mp4");
    writeFileSync(junk, "<html>502 Bad Gateway</html>");
    for (const limit of [1_000_000, 10]) {
      await expect(
        fitVideo({ path: junk, sizeBytes: 28 }, limit, "https://cdn.example/v.mp4", dir),
      ).rejects.toMatchObject({ code: "not_a_video" });
    }
  });

  it("GIVEN a limit too small for a watchable video THEN a link to the source with a poster frame", async () => {
    const d = await fitVideo({ path: source, sizeBytes }, 20_000, "https://cdn.example/v.mp4", dir);
    expect(d).toMatchObject({ kind: "link", url: "https://cdn.example/v.mp4", sizeBytes });
    if (d.kind !== "link" || d.posterPath === undefined) throw new Error("no poster");
    const poster = await probe(d.posterPath);
    expect(poster).toMatchObject({ width: 640, height: 360 });
  }, 60_000);
});
