import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";

const SLACK = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "0123456789abcdef0123456789abcdef" };

describe("Slack configuration", () => {
  it("GIVEN a bot token, signing secret and PORT THEN HTTP mode against Slack's API", () => {
    const loaded = loadConfig({ ...SLACK, PORT: "3000" });
    expect(loaded).toMatchObject({
      ok: true,
      config: { slack: { botToken: "xoxb-1-2-abc", appToken: undefined, apiUrl: "https://slack.com/api/" } },
    });
  });

  it("GIVEN SLACK_API_URL without a trailing slash THEN one is added (the Web API client's convention)", () => {
    const loaded = loadConfig({ ...SLACK, PORT: "0", SLACK_API_URL: "http://127.0.0.1:9/api" });
    expect(loaded.ok && loaded.config.slack.apiUrl).toBe("http://127.0.0.1:9/api/");
  });

  it("GIVEN a bot token alone THEN a problem naming both modes; GIVEN HTTP mode without PORT THEN PORT is asked for", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1" })).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/SLACK_SIGNING_SECRET.*SLACK_APP_TOKEN/u)],
    });
    expect(loadConfig(SLACK)).toMatchObject({ ok: false, problems: [expect.stringMatching(/^PORT:/u)] });
  });

  it("GIVEN Socket Mode THEN no PORT is needed; GIVEN a user token THEN refused without echoing it", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1-A-2" }).ok).toBe(true);
    const wrong = loadConfig({ SLACK_BOT_TOKEN: "xoxp-secret-user-token", SLACK_APP_TOKEN: "xapp-1" });
    expect(wrong.ok).toBe(false);
    expect(JSON.stringify(wrong)).not.toContain("xoxp-secret-user-token");
  });

  it("GIVEN OAuth client settings with the signing secret and PORT THEN multi-workspace; GIVEN them with a bot token THEN refused", () => {
    const oauth = { SLACK_CLIENT_ID: "123.456", SLACK_CLIENT_SECRET: "s3cr3t", SLACK_STATE_SECRET: "st4te" };
    const signing = { SLACK_SIGNING_SECRET: SLACK.SLACK_SIGNING_SECRET, PORT: "1" };
    expect(loadConfig({ ...oauth, ...signing })).toMatchObject({
      ok: true,
      config: { slack: { botToken: undefined, oauth: { clientId: "123.456", clientSecret: "s3cr3t" } } },
    });
    expect(loadConfig({ ...SLACK, ...oauth, PORT: "1" })).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^SLACK_BOT_TOKEN: unset it with OAuth/u)],
    });
    expect(loadConfig({ SLACK_CLIENT_ID: "123.456", ...signing })).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/together/u)],
    });
  });
});
