import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchImage, type MediaPolicy } from "../../../src/media/fetch.ts";
import { FakeSlack } from "../../fakes/slack/index.ts";

// Slack's url_private needs the bot token; without it Slack answers its sign-in page with 200.

const fake = new FakeSlack();
let policy: MediaPolicy;

beforeAll(async () => {
  await fake.start();
  const host = new URL(fake.baseUrl).host;
  policy = { allowedHosts: [host], maxBytes: 1024, timeoutMs: 5_000 };
});
afterAll(() => fake.stop());

describe("fetching a Slack file", () => {
  it("GIVEN the host's bearer header in the policy THEN the image's bytes", async () => {
    const file = fake.addFile(Buffer.from("png bytes"), "cat.png", "image/png");
    const host = new URL(fake.baseUrl).host;
    const image = await fetchImage(file.url_private, {
      ...policy,
      headers: { [host]: { authorization: `Bearer ${fake.token}` } },
    });
    expect(Buffer.from(image.bytes).toString()).toBe("png bytes");
    expect(image.mimeType).toBe("image/png");
  });

  it("GIVEN a header function THEN it is asked for each URL fetched", async () => {
    const file = fake.addFile(Buffer.from("png bytes"), "cat.png", "image/png");
    const asked: string[] = [];
    const image = await fetchImage(file.url_private, {
      ...policy,
      headers: async (url) => {
        asked.push(url.pathname);
        return { authorization: `Bearer ${fake.token}` };
      },
    });
    expect(image.mimeType).toBe("image/png");
    expect(asked).toEqual([new URL(file.url_private).pathname]);
  });

  it("GIVEN no header for the host THEN the sign-in page is refused as not an image", async () => {
    const file = fake.addFile(Buffer.from("png bytes"), "cat.png", "image/png");
    await expect(
      fetchImage(file.url_private, {
        ...policy,
        headers: { "files.slack.com": { authorization: "Bearer x" } },
      }),
    ).rejects.toMatchObject({ code: "wrong_type" });
    expect(fake.calls.at(-1)).toMatchObject({ kind: "file", args: { authorized: false } });
  });
});
