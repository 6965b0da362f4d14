// Delivering a large video must not hold it in memory. A child process serves a real MP4 of
// SIZE_MB (default 100; made once with ffmpeg) and accepts uploads; this process runs the bot's own
// delivery path on it: the provider download (LocalVideoFiles.fetch: host check, size cap, streamed
// to disk), fitting (probed with ffprobe; under the limit, so it goes as is), and an upload that
// streams the file to the child. RSS is sampled every 5 ms; the figure is the peak over the baseline taken just before,
// after a 10 MB warm-up delivery (reported too).
// Target (issue 5): delivering a 100 MB video adds < 30 MB to RSS.
//   node bench/deliver.ts            SIZE_MB=500 node bench/deliver.ts

import { fork } from "node:child_process";
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../src/media/ffmpeg.ts";
import { LocalVideoFiles } from "../src/media/video-files.ts";

const SIZE_MB = Number(process.env.SIZE_MB ?? 100);
const ROUNDS = Number(process.env.ROUNDS ?? 3);

/** A real MP4 of about `mb` MB (delivery probes it), made once with ffmpeg and kept in tmp. */
async function sampleVideo(mb: number): Promise<string> {
  const path = join(tmpdir(), `framecast-bench-${mb}mb.mp4`);
  const target = mb * 1024 * 1024;
  // The encoder undershoots noisy footage's bitrate: make it longer until it is big enough.
  for (let seconds = 10; !existsSync(path) || statSync(path).size < 0.98 * target; ) {
    if (existsSync(path)) seconds = Math.ceil((seconds * target * 1.05) / statSync(path).size);
    await encode(path, Math.round((mb * 8 * 1024) / 10), seconds);
  }
  return path;
}

async function encode(path: string, kbps: number, seconds: number): Promise<void> {
  await run("ffmpeg", [
    "-y",
    "-v",
    "error",
    "-f",
    "lavfi",
    "-i",
    `testsrc2=size=1280x720:rate=24:duration=${seconds},noise=alls=60:allf=t`,
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-b:v",
    `${kbps}k`,
    "-maxrate",
    `${kbps}k`,
    "-bufsize",
    "4M",
    path,
  ]);
}

const bigVideo = await sampleVideo(SIZE_MB);
// The far side, in a child process: serves the video and swallows uploads.
const smallVideo = await sampleVideo(10);
const server = fork(new URL("./support/video-server.ts", import.meta.url).pathname, [bigVideo], {
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const port = await new Promise<number>((resolve) => server.once("message", (m) => resolve(Number(m))));
const host = `127.0.0.1:${port}`;

const dir = mkdtempSync(join(tmpdir(), "framecast-deliver-"));
const files = new LocalVideoFiles(
  dir,
  { allowedHosts: [host], maxBytes: 2 * SIZE_MB * 1024 * 1024, timeoutMs: 120_000 },
  join(dir, "previews"),
);

/** Streams the file to the far side as a request body, with backpressure; resolves to what it counted. */
async function upload(path: string, sizeBytes: number): Promise<number> {
  const { request } = await import("node:http");
  return new Promise((resolve, reject) => {
    const req = request(
      `http://${host}/upload`,
      { method: "POST", headers: { "content-type": "video/mp4", "content-length": sizeBytes } },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (d: string) => {
          text += d;
        });
        res.on("end", () => resolve(Number(text)));
      },
    );
    req.on("error", reject);
    createReadStream(path).on("error", reject).pipe(req);
  });
}

const rssMb = (): number => process.memoryUsage().rss / 1_048_576;

async function deliverOnce(round: number, path = bigVideo): Promise<{ addedMb: number; seconds: number }> {
  const baseline = rssMb();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb());
  }, 5);
  const began = performance.now();
  const source = `http://${host}/video.mp4?path=${encodeURIComponent(path)}`;
  const video = await files.fetch(`bench-${round}`, source);
  const delivery = await files.fit(video, Number.POSITIVE_INFINITY, source);
  if (delivery.kind !== "file") throw new Error("expected the file itself");
  const afterDownload = peak;
  const received = await upload(delivery.path, delivery.sizeBytes);
  if (received !== delivery.sizeBytes) throw new Error(`uploaded ${received} of ${delivery.sizeBytes} bytes`);
  clearInterval(sampler);
  peak = Math.max(peak, rssMb());
  rmSync(video.path);
  if (process.env.SPLIT !== undefined)
    console.log(`download +${(afterDownload - baseline).toFixed(1)} upload +${(peak - baseline).toFixed(1)}`);
  return { addedMb: peak - baseline, seconds: (performance.now() - began) / 1000 };
}

// A first, small delivery warms the process up (modules loaded, code compiled, V8's young
// generation grown to its working size): what a bot that has been running a while looks like.
const warmUp = await deliverOnce(0, smallVideo);
const results: { addedMb: number; seconds: number }[] = [];
for (let round = 1; round <= ROUNDS; round++) results.push(await deliverOnce(round));
server.kill();
rmSync(dir, { recursive: true, force: true });

const sizeMb = (path: string): string => (statSync(path).size / 1_048_576).toFixed(1);
console.log(
  `deliver: a ${sizeMb(bigVideo)} MB MP4 downloaded to disk, probed, then uploaded as a stream (${ROUNDS} rounds)`,
);
console.log(`  warm-up (10 MB, the process's first delivery): RSS +${warmUp.addedMb.toFixed(1)} MB`);
for (const [i, r] of results.entries())
  console.log(
    `  round ${i + 1}: RSS +${r.addedMb.toFixed(1)} MB at peak, ${r.seconds.toFixed(2)} s (${(
      (2 * SIZE_MB) / r.seconds
    ).toFixed(0)} MB/s through)`,
  );
const worst = Math.max(...results.map((r) => r.addedMb));
console.log(`  worst: +${worst.toFixed(1)} MB; target < 30 MB ${worst < 30 ? "met" : "NOT met"}`);
