import { verifySlackRequest } from "@slack/bolt";
import { ErrorCode, WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Builders,
  commandBody,
  FakeSlack,
  RESPONSE_URL_USES,
  SlackSender,
  slackSignature,
} from "./slack/index.ts";

// The loopback Slack, driven by the real @slack/web-api client.

let clock = Date.now();
const fake = new FakeSlack({ now: () => clock });
let client: WebClient;
const channel = fake.world.channel.id;

beforeAll(async () => {
  await fake.start();
  client = new WebClient(fake.token, { slackApiUrl: fake.apiUrl, rejectRateLimitedCalls: true });
});
afterAll(() => fake.stop());

describe("fake Slack: Web API conventions", () => {
  it("GIVEN the bot token THEN auth.test names the bot; GIVEN another THEN HTTP 200 with ok:false invalid_auth", async () => {
    expect(await client.auth.test()).toMatchObject({
      ok: true,
      user_id: fake.world.bot.userId,
      bot_id: fake.world.bot.botId,
    });
    const stranger = new WebClient("xoxb-not-ours", {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
    });
    await expect(stranger.auth.test()).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: "invalid_auth" },
    });
    expect(fake.calls.at(-1)).toMatchObject({ kind: "api", method: "auth.test", status: 200 });
  });

  it("GIVEN a rate limit THEN 429 with Retry-After, which the client reports", async () => {
    fake.rateLimit("chat.postMessage", 7);
    await expect(client.chat.postMessage({ channel, text: "hi" })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
    expect(fake.calls.at(-1)).toMatchObject({ method: "chat.postMessage", status: 429 });
  });

  it("GIVEN a message with blocks THEN posted, updated in place, threaded replies listed", async () => {
    const posted = await client.chat.postMessage({
      channel,
      text: "Queued",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "*Queued*" } }],
    });
    const ts = posted.ts ?? "";
    await client.chat.update({ channel, ts, text: "Done", blocks: [] });
    expect(fake.store.message(channel, ts)).toMatchObject({ text: "Done", updates: 1 });
    await client.chat.postMessage({ channel, thread_ts: ts, text: "a reply" });
    const thread = await client.conversations.replies({ channel, ts });
    expect(thread.messages?.map((m) => m.text)).toEqual(["Done", "a reply"]);
    await expect(client.chat.update({ channel, ts: "1.000001", text: "x" })).rejects.toMatchObject({
      data: { error: "message_not_found" },
    });
    await expect(client.chat.postMessage({ channel, text: "" })).rejects.toMatchObject({
      data: { error: "no_text" },
    });
  });

  it("GIVEN chat.postEphemeral THEN kept as the person's ephemeral message", async () => {
    await client.chat.postEphemeral({ channel, user: fake.world.bob.id, text: "only for Bob" });
    expect(fake.store.ephemeral.at(-1)).toMatchObject({
      user: fake.world.bob.id,
      text: "only for Bob",
      via: "chat.postEphemeral",
    });
  });
});

describe("fake Slack: OAuth", () => {
  it("GIVEN an approved install's code THEN oauth.v2.access gives that workspace a bot token, once", async () => {
    const code = fake.approveInstall("T0SECOND01", "second");
    const anonymous = new WebClient(undefined, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    const access = await anonymous.oauth.v2.access({
      client_id: fake.clientId,
      client_secret: fake.clientSecret,
      code,
    });
    expect(access).toMatchObject({ ok: true, token_type: "bot", team: { id: "T0SECOND01" } });
    const bot = new WebClient(access.access_token, { slackApiUrl: fake.apiUrl });
    expect(await bot.auth.test()).toMatchObject({ team_id: "T0SECOND01", user_id: access.bot_user_id });
    await expect(
      anonymous.oauth.v2.access({ client_id: fake.clientId, client_secret: fake.clientSecret, code }),
    ).rejects.toMatchObject({ data: { error: "invalid_code" } });
    const file = fake.addFile(Buffer.from("x"), "a.png", "image/png");
    const theirs = await fetch(file.url_private, {
      headers: { authorization: `Bearer ${access.access_token}` },
    });
    expect(theirs.headers.get("content-type")).toMatch(/^text\/html/u);
  });
});

describe("fake Slack: files", () => {
  it("GIVEN getUploadURLExternal, the bytes, completeUploadExternal THEN the file is shared in the thread", async () => {
    const parent = await client.chat.postMessage({ channel, text: "parent" });
    const bytes = Buffer.from("not really an mp4");
    const url = await client.files.getUploadURLExternal({ filename: "framecast.mp4", length: bytes.length });
    const uploaded = await fetch(url.upload_url ?? "", { method: "POST", body: bytes });
    expect(uploaded.status).toBe(200);
    await client.files.completeUploadExternal({
      files: [{ id: url.file_id ?? "", title: "framecast" }],
      channel_id: channel,
      thread_ts: parent.ts ?? "",
    });
    const shared = fake.messagesIn(channel).at(-1);
    expect(shared).toMatchObject({
      thread_ts: parent.ts,
      files: [{ id: url.file_id, mimetype: "video/mp4" }],
    });
    expect(fake.store.files.get(url.file_id ?? "")?.bytes.equals(bytes)).toBe(true);
    const info = await client.files.info({ file: url.file_id ?? "" });
    expect(info.file?.size).toBe(bytes.length);
  });

  it("GIVEN completeUploadExternal without the bytes THEN upload_not_found", async () => {
    const url = await client.files.getUploadURLExternal({ filename: "x.mp4", length: 10 });
    await expect(
      client.files.completeUploadExternal({ files: [{ id: url.file_id ?? "" }], channel_id: channel }),
    ).rejects.toMatchObject({ data: { error: "upload_not_found" } });
  });

  it("GIVEN url_private with the bot token THEN the bytes; without THEN Slack's sign-in page with 200", async () => {
    const file = fake.addFile(Buffer.from([0x89, 0x50, 0x4e, 0x47]), "cat.png", "image/png");
    const authed = await fetch(file.url_private, { headers: { authorization: `Bearer ${fake.token}` } });
    expect(authed.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await authed.arrayBuffer())).toHaveLength(4);
    const anonymous = await fetch(file.url_private);
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get("content-type")).toMatch(/^text\/html/u);
  });
});

describe("fake Slack: interactivity", () => {
  const build = new Builders(fake);

  it("GIVEN a fresh trigger_id THEN views.open opens a modal once; GIVEN 3 s later THEN expired_trigger_id", async () => {
    const view = {
      type: "modal" as const,
      callback_id: "x",
      title: { type: "plain_text" as const, text: "t" },
      blocks: [],
    };
    const trigger = fake.issueTrigger();
    expect(await client.views.open({ trigger_id: trigger, view })).toMatchObject({ ok: true });
    await expect(client.views.open({ trigger_id: trigger, view })).rejects.toMatchObject({
      data: { error: "invalid_trigger_id" },
    });
    const late = fake.issueTrigger();
    clock += 3_001;
    await expect(client.views.open({ trigger_id: late, view })).rejects.toMatchObject({
      data: { error: "expired_trigger_id" },
    });
  });

  it("GIVEN a response_url THEN 5 uses, then refused", async () => {
    const command = build.slashCommand({ text: "help" });
    const statuses: number[] = [];
    for (let i = 0; i <= RESPONSE_URL_USES; i++) {
      const res = await fetch(command.response_url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ response_type: "ephemeral", text: `answer ${i}` }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    expect(fake.store.ephemeral.filter((e) => e.via === "response_url")).toHaveLength(5);
  });

  it("GIVEN a signed slash command THEN bolt's own verifier accepts it; a forged one it refuses", async () => {
    const received: { headers: Record<string, string>; body: string }[] = [];
    const { listenLoopback, closeServer } = await import("../fakes/loopback.ts");
    const { server, baseUrl } = await listenLoopback(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      received.push({
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks).toString(),
      });
      res.end();
    });
    const sender = new SlackSender(fake.signingSecret, () => clock);
    await sender.send(baseUrl, commandBody(build.slashCommand({ text: "a fox" })));
    await sender.send(baseUrl, commandBody(build.slashCommand({ text: "a fox" })), {
      secret: "not-the-secret",
    });
    await closeServer(server);
    const verify = (r: (typeof received)[number]) =>
      verifySlackRequest({
        signingSecret: fake.signingSecret,
        body: r.body,
        headers: {
          "x-slack-signature": r.headers["x-slack-signature"] ?? "",
          "x-slack-request-timestamp": Number(r.headers["x-slack-request-timestamp"]),
        },
        nowMilliseconds: clock,
      });
    const [good, forged] = received;
    if (good === undefined || forged === undefined) throw new Error("nothing received");
    expect(() => verify(good)).not.toThrow();
    expect(() => verify(forged)).toThrow(/signature/iu);
    expect(good.headers["x-slack-signature"]).toBe(
      slackSignature(fake.signingSecret, Number(good.headers["x-slack-request-timestamp"]), good.body),
    );
    expect(new URLSearchParams(good.body).get("text")).toBe("a fox");
  });
});
