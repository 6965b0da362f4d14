import { describe, expect, it } from "vitest";
import { decodeCustomId, encodeCustomId } from "../../../src/chat/discord/custom-id.ts";
import { LIMITS, renderView, truncate } from "../../../src/chat/discord/render.ts";
import { DEFAULT_PRICING, priceRequest } from "../../../src/core/pricing.ts";
import { jobView } from "../../../src/core/views/job.ts";
import type { View } from "../../../src/core/views/view.ts";

const embedLength = (e: ReturnType<typeof renderView>["embeds"][number]): number =>
  [...(e.title ?? "")].length +
  [...(e.description ?? "")].length +
  (e.fields ?? []).reduce((n, f) => n + [...f.name].length + [...f.value].length, 0);

describe("Discord renderer", () => {
  it("GIVEN a view THEN one embed: title, tone colour, text as description, fields as fields", () => {
    const view: View = {
      tone: "error",
      title: "Can't cancel that",
      blocks: [
        { kind: "text", text: "Only the owner can." },
        { kind: "list", items: ["a", "b"] },
        {
          kind: "fields",
          items: [
            ["Cost", "56 credits"],
            ["Empty", ""],
          ],
        },
      ],
    };
    const { embeds, components } = renderView(view);
    expect(embeds).toEqual([
      {
        title: "Can't cancel that",
        color: 0xed4245,
        description: "Only the owner can.\n\n• a\n• b",
        fields: [
          { name: "Cost", value: "56 credits", inline: true },
          { name: "Empty", value: "—", inline: true },
        ],
      },
    ]);
    expect(components).toEqual([]);
  });

  it("GIVEN buttons and a subject THEN fc:<action>:<subject> ids, at most 5 per row", () => {
    const buttons = Array.from({ length: 7 }, (_, i) => ({
      action: `a${i}`,
      label: `B${i}`,
      style: i === 0 ? ("danger" as const) : ("secondary" as const),
    }));
    const { components } = renderView({
      tone: "info",
      title: "t",
      subject: "job-1",
      blocks: [{ kind: "buttons", buttons }],
    });
    expect(components.map((r) => r.components.length)).toEqual([5, 2]);
    expect(components[0]?.components[0]).toMatchObject({ custom_id: "fc:a0:job-1", style: 4, label: "B0" });
    expect(decodeCustomId("fc:cancel:job-1")).toEqual({ action: "cancel", subject: "job-1" });
  });

  it("GIVEN a subject too long for a 100-character custom_id THEN that button is left out", () => {
    expect(encodeCustomId("cancel", "x".repeat(91))).toBeUndefined();
    expect(encodeCustomId("cancel", "x".repeat(90))?.length).toBe(100);
    const { components } = renderView({
      tone: "info",
      title: "t",
      subject: "x".repeat(95),
      blocks: [{ kind: "buttons", buttons: [{ action: "cancel", label: "Cancel", style: "danger" }] }],
    });
    expect(components).toEqual([]);
  });

  it("GIVEN text over every limit THEN cut with an ellipsis to Discord's limits, 6000 in all", () => {
    const long = "é".repeat(5000);
    const { embeds } = renderView({
      tone: "info",
      title: long,
      blocks: [
        { kind: "text", text: long },
        {
          kind: "fields",
          items: Array.from({ length: 30 }, (_, i) => [`${i}${long}`, long] as const),
        },
      ],
    });
    const [embed] = embeds;
    if (embed === undefined) throw new Error("no embed");
    expect([...(embed.title ?? "")].length).toBe(LIMITS.title);
    expect(embed.title?.endsWith("…")).toBe(true);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    for (const field of embed.fields ?? []) {
      expect([...field.name].length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect([...field.value].length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.total);
    expect(truncate("abc", 3)).toBe("abc");
    expect(truncate("abcd", 3)).toBe("ab…");
  });

  it("GIVEN emoji (2 UTF-16 code units each) THEN limits count code units and a cut never splits one", () => {
    expect(truncate("🦊🦊🦊", 4)).toBe("🦊…");
    expect(truncate("a🦊🦊", 4)).toBe("a🦊…");
    expect(truncate("a🦊🦊", 3)).toBe("a…");
    const { embeds } = renderView({
      tone: "info",
      title: "🦊".repeat(200),
      blocks: [
        { kind: "text", text: "🦊".repeat(2048) },
        { kind: "text", text: "progress" },
      ],
    });
    const [embed] = embeds;
    expect(embed?.title?.length).toBeLessThanOrEqual(LIMITS.title);
    expect(embed?.description?.length).toBeLessThanOrEqual(LIMITS.description);
    expect(embed?.description?.isWellFormed()).toBe(true);
  });

  it("GIVEN markdown in text THEN it is escaped to show as typed; code blocks stay code", () => {
    const { embeds } = renderView({
      tone: "info",
      title: "t",
      blocks: [
        { kind: "text", text: "# big [x](https://e.x) **b** _i_ ~~s~~ ||p|| `c` <@1> \\ > q\n- l\n1. n" },
        { kind: "fields", items: [["**k**", "[v](https://e.x)"]] },
        { kind: "code", text: "a*b" },
      ],
    });
    const [embed] = embeds;
    expect(embed?.description).toBe(
      "\\# big \\[x\\](https://e.x) \\*\\*b\\*\\* \\_i\\_ \\~\\~s\\~\\~ \\|\\|p\\|\\| \\`c\\` \\<@1> \\\\ > q\n\\- l\n1\\. n\n\n```\na*b\n```",
    );
    expect(embed?.fields?.[0]).toMatchObject({ name: "\\*\\*k\\*\\*", value: "\\[v\\](https://e.x)" });
    // A bare link stays whole (a backslash in it would change where it goes).
    const link = "https://v3.fal.media/files/a_b/x*y.mp4?sig=1";
    const [linked] = renderView({
      tone: "info",
      title: "t",
      blocks: [{ kind: "text", text: `Download: ${link}` }],
    }).embeds;
    expect(linked?.description).toBe(`Download: ${link}`);
  });

  it("GIVEN a running job's view THEN a Cancel button addressed to the job", () => {
    const request = {
      model: "v6" as const,
      mode: "text-to-video" as const,
      prompt: "a fox",
      negativePrompt: null,
      duration: 1,
      ratio: "16:9" as const,
      quality: "360p" as const,
      audio: false,
      seed: null,
      style: null,
      motion: "normal" as const,
      thinking: "auto" as const,
      shots: false,
      firstFrame: null,
      lastFrame: null,
    };
    const now = new Date();
    const view = jobView({
      jobId: "0b8f2c1e-1111-4222-8333-944445555666",
      state: "running",
      request,
      cost: priceRequest(request, DEFAULT_PRICING),
      provider: "preview",
      createdAt: now,
      now,
      recentDurations: [],
    });
    const { components } = renderView(view);
    expect(components[0]?.components[0]?.custom_id).toBe("fc:cancel:0b8f2c1e-1111-4222-8333-944445555666");
  });
});
