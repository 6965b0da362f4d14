import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileTeam, slackPrivateFiles } from "../../../src/chat/slack/file-access.ts";
import { fetchImage, type MediaPolicy } from "../../../src/media/fetch.ts";
import { imageFetcher, imagePolicy } from "../../../src/media/image-fetcher.ts";
import { FakeSlack } from "../../fakes/slack/index.ts";

// Slack's url_private needs the bot token; without it Slack answers its sign-in page with 200.
// framecast sends a token only over https, only for a Slack job of the file's own workspace.

const fake = new FakeSlack();
let policy: MediaPolicy;
const OTHER = "T0OTHERTEAM";

beforeAll(async () => {
  await fake.start();
  policy = { allowedHosts: [fake.filesHost], maxBytes: 1024, timeoutMs: 5_000 };
});
afterAll(() => fake.stop());

const images = () =>
  imageFetcher({
    publicHosts: [],
    privateFiles: slackPrivateFiles({
      hosts: [fake.filesHost],
      tokenOf: async (team) => (team === fake.world.teamId ? fake.token : fake.tokenOf(team)),
    }),
    maxBytes: 1024,
    timeoutMs: 5_000,
  });

describe("fetching a Slack file", () => {
  it("GIVEN a Slack job of the file's workspace THEN fetched over https with that workspace's token", async () => {
    const file = fake.addFile(Buffer.from("png bytes"), "cat.png", "image/png");
    expect(file.url_private).toMatch(/^https:/u);
    const image = await images()(file.url_private, { platform: "slack", workspaceId: fake.world.teamId });
    expect(Buffer.from(image.bytes).toString()).toBe("png bytes");
    expect(fake.calls.at(-1)).toMatchObject({ kind: "file", args: { authorized: true } });
  });

  it("GIVEN another workspace's job, a Discord job or no owner THEN no token is sent (or the host isn't even allowed)", async () => {
    const file = fake.addFile(Buffer.from("png bytes"), "cat.png", "image/png");
    const before = fake.calls.length;
    await expect(images()(file.url_private, { platform: "slack", workspaceId: OTHER })).rejects.toMatchObject(
      { code: "wrong_type" },
    );
    expect(fake.calls.at(-1)).toMatchObject({ kind: "file", args: { authorized: false } });
    for (const owner of [{ platform: "discord" as const, workspaceId: fake.world.teamId }, undefined])
      await expect(images()(file.url_private, owner)).rejects.toMatchObject({ code: "host_not_allowed" });
    expect(fake.calls.length).toBe(before + 1);
    expect(imagePolicy({ publicHosts: [], maxBytes: 1, timeoutMs: 1 }, undefined).headers).toBeUndefined();
  });

  it("GIVEN a url_private THEN its workspace is read from its path, nothing else", () => {
    expect(fileTeam(new URL("https://files.slack.com/files-pri/T0ABC-F0DEF/a.png"))).toBe("T0ABC");
    expect(fileTeam(new URL("https://files.slack.com/files-tmb/T0ABC-F0DEF/a.png"))).toBeUndefined();
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
