import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FalProvider } from "../../src/providers/fal/client.ts";
import { type FetchImage, inlineFrames } from "../../src/providers/inline-frames.ts";
import { ReplicateProvider } from "../../src/providers/replicate/client.ts";
import { RunwareProvider } from "../../src/providers/runware/client.ts";
import { FakeFal } from "../fakes/fal.ts";
import { FakeReplicate } from "../fakes/replicate.ts";
import { FakeRunware } from "../fakes/runware.ts";
import { videoRequest as request, testHttpPolicy } from "../support/video-request.ts";

// Providers that accept data URIs (fal, Replicate, Runware) get the pictures the bot fetched
// itself, so a chat's private or expiring link never has to be reachable by them.

const FIRST = "https://files.slack.com/files-pri/T1-F1/a.png";
const LAST = "https://cdn.discordapp.com/attachments/1/2/b.png?ex=1&is=2&hm=3";
const bytes: Record<string, string> = { [FIRST]: "first picture", [LAST]: "last picture" };
/** Whose job each picture was fetched for (the owner decides which credentials may be used). */
const fetchedFor: (string | undefined)[] = [];
const fetchImage: FetchImage = async (url, owner) => {
  fetchedFor.push(owner?.workspaceId);
  return { bytes: Buffer.from(bytes[url] ?? ""), mimeType: "image/png" };
};
const uri = (url: string) => `data:image/png;base64,${Buffer.from(bytes[url] ?? "").toString("base64")}`;
const transition = request({
  mode: "transition",
  firstFrame: FIRST,
  lastFrame: LAST,
  ratio: null,
  duration: 5,
});

const fal = new FakeFal();
const replicate = new FakeReplicate();
const runware = new FakeRunware();
const { policy } = testHttpPolicy();
beforeAll(async () => {
  await Promise.all([fal.start(), replicate.start(), runware.start()]);
});
afterAll(async () => {
  await Promise.all([fal.stop(), replicate.stop(), runware.stop()]);
});

describe("pictures inlined as data URIs", () => {
  it("GIVEN no fetcher THEN the links pass unchanged; GIVEN one THEN both frames become data URIs", async () => {
    expect(await inlineFrames(transition, undefined, undefined)).toBe(transition);
    expect(await inlineFrames(transition, fetchImage, undefined)).toMatchObject({
      firstFrame: uri(FIRST),
      lastFrame: uri(LAST),
    });
    expect(await inlineFrames(request(), fetchImage, undefined)).toMatchObject({
      firstFrame: null,
      lastFrame: null,
    });
  });

  it("GIVEN fal, Replicate and Runware with the bot's fetcher THEN each receives the pictures' bytes, not the links", async () => {
    const options = {
      idempotencyKey: "job-inline",
      owner: { platform: "slack" as const, workspaceId: "T1" },
    };
    fetchedFor.length = 0;
    const viaFal = new FalProvider({
      apiKey: fal.apiKey,
      baseUrl: fal.baseUrl,
      jwks: { keys: async () => fal.jwks.keys },
      http: policy,
      fetchImage,
    });
    const falJob = await viaFal.submit(transition, options);
    expect(fal.input(falJob.id)).toMatchObject({ first_image_url: uri(FIRST), end_image_url: uri(LAST) });

    const viaReplicate = new ReplicateProvider({
      apiToken: replicate.token,
      baseUrl: replicate.baseUrl,
      http: policy,
      fetchImage,
    });
    const replicateJob = await viaReplicate.submit(transition, options);
    expect(replicate.prediction(replicateJob.id)?.input).toMatchObject({
      image: uri(FIRST),
      last_frame_image: uri(LAST),
    });

    const viaRunware = new RunwareProvider({
      apiKey: runware.apiKey,
      baseUrl: runware.baseUrl,
      http: policy,
      fetchImage,
    });
    const runwareJob = await viaRunware.submit(transition, options);
    expect(runware.task(runwareJob.id)).toMatchObject({
      inputs: {
        frameImages: [
          { image: uri(FIRST), frame: "first" },
          { image: uri(LAST), frame: "last" },
        ],
      },
    });
    expect(
      JSON.stringify([
        fal.input(falJob.id),
        replicate.prediction(replicateJob.id),
        runware.task(runwareJob.id),
      ]),
    ).not.toContain("files.slack.com");
    // Every picture was fetched for the job's own workspace.
    expect(fetchedFor).toEqual(Array(6).fill("T1"));
  });
});
