import { describe, expect, it } from "vitest";
import { parseAdminCommand } from "../../../src/core/admin/command.ts";
import { mentionId } from "../../../src/core/admin/mention.ts";

describe("admin command language", () => {
  it.each([
    [
      "quota set user:@ada videos:10 period:day",
      {
        kind: "quota-set",
        target: { scope: "user", subjectId: "ada" },
        period: "day",
        limits: { videos: 10 },
      },
    ],
    [
      "quota set user:<@123456> videos:10",
      {
        kind: "quota-set",
        target: { scope: "user", subjectId: "123456" },
        period: "day",
        limits: { videos: 10 },
      },
    ],
    [
      "quota set users seconds:120 credits:none",
      {
        kind: "quota-set",
        target: { scope: "users" },
        period: "day",
        limits: { seconds: 120, credits: null },
      },
    ],
    [
      "quota set role:<@&77> videos:20 period:weekly",
      {
        kind: "quota-set",
        target: { scope: "role", subjectId: "77" },
        period: "week",
        limits: { videos: 20 },
      },
    ],
    [
      "quota set workspace credits:5000 period:month",
      { kind: "quota-set", target: { scope: "workspace" }, period: "month", limits: { credits: 5000 } },
    ],
    [
      "quota set channel:<#C1|renders> videos:50",
      {
        kind: "quota-set",
        target: { scope: "channel", subjectId: "C1" },
        period: "day",
        limits: { videos: 50 },
      },
    ],
    [
      "quota set global credits:20000 period:month",
      { kind: "quota-set", target: { scope: "global" }, period: "month", limits: { credits: 20000 } },
    ],
    [
      "quota clear user:@ada period:week",
      { kind: "quota-clear", target: { scope: "user", subjectId: "ada" }, period: "week" },
    ],
    ["quota list", { kind: "quota-list" }],
    ["QUOTA", { kind: "quota-list" }],
    ["usage", { kind: "usage" }],
    ["", { kind: "help" }],
    ["concurrency user:2 workspace:none", { kind: "concurrency", user: 2, workspace: null }],
    ["block word:gore", { kind: "block", words: ["gore"] }],
    ['block word:"blood bath"', { kind: "block", words: ["blood bath"] }],
    ["unblock word:Gore", { kind: "unblock", words: ["gore"] }],
    ["channels allow:#renders allow:<#C2>", { kind: "channels-allow", channels: ["renders", "C2"] }],
    ["channels remove:#renders", { kind: "channels-remove", channels: ["renders"] }],
    ["channels all", { kind: "channels-all" }],
    ["channels", { kind: "channels-list" }],
    ["admins add:<@U1|ada>", { kind: "admins-add", users: ["U1"] }],
    ["admins remove:@ada", { kind: "admins-remove", users: ["ada"] }],
    ["defaults model:v6 quality:1080p", { kind: "defaults", model: "v6", quality: "1080p" }],
  ])("GIVEN admin %s THEN %j", (text, command) => {
    expect(parseAdminCommand(text)).toEqual({ ok: true, command });
  });

  it.each([
    ["quota set videos:10", "Name who the limit is for"],
    ["quota set user:@ada", "Give at least one limit"],
    ["quota set user:@ada videos:ten", "must be a whole number"],
    ["quota set user:@ada vids:3", 'Unknown limit "vids"'],
    ["quota set user:@ada videos:3 period:year", "period must be day, week or month"],
    ["quota drop user:@ada", "Use quota set, quota clear or quota list"],
    ["concurrency users:2", "concurrency user:N workspace:N"],
    ["block", "block word:something"],
    ["channels allow:", "Name at least one"],
    ["dance", '/framecast admin has no "dance"'],
  ])("GIVEN admin %s THEN an error saying %s", (text, message) => {
    const parsed = parseAdminCommand(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.message).toContain(message);
  });

  it.each([
    ["<@123>", "123"],
    ["<@!123>", "123"],
    ["<@&9>", "9"],
    ["<#C1|general>", "C1"],
    ["<@U1|ada>", "U1"],
    ["@ada", "ada"],
    ["#general", "general"],
    ["U1", "U1"],
  ])("GIVEN the mention %s THEN the id %s", (text, id) => {
    expect(mentionId(text)).toBe(id);
  });
});

describe("admin command language under random input", () => {
  it("GIVEN 5,000 random strings THEN it never throws and always answers ok or a message", async () => {
    const fc = await import("fast-check");
    const fragments = fc.constantFrom(
      "quota",
      "set",
      "clear",
      "list",
      "user:",
      "role:",
      "channel:",
      "users",
      "workspace",
      "global",
      "videos:",
      "seconds:",
      "credits:",
      "period:",
      "day",
      "week",
      "none",
      "10",
      "-1",
      "@ada",
      "<@1>",
      "<#C|x>",
      "block",
      "word:",
      "channels",
      "allow:",
      "admins",
      "add:",
      "defaults",
      "model:",
      '"',
      " ",
    );
    const input = fc.oneof(
      fc.string(),
      fc.array(fragments, { maxLength: 12 }).map((xs) => xs.join(" ")),
    );
    fc.assert(
      fc.property(input, (text) => {
        const parsed = parseAdminCommand(text);
        return parsed.ok ? typeof parsed.command.kind === "string" : parsed.message.length > 0;
      }),
      { numRuns: 5000, seed: 7 },
    );
  });
});
