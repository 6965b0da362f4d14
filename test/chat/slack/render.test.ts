import { describe, expect, it } from "vitest";
import { decodeActionId } from "../../../src/chat/slack/action-id.ts";
import { LIMITS, renderView } from "../../../src/chat/slack/render.ts";
import type { View } from "../../../src/core/views/view.ts";

describe("Slack rendering", () => {
  it("GIVEN a job view THEN a header, escaped text, fields, and buttons last whose ids carry the job", () => {
    const view: View = {
      tone: "success",
      title: "Your video is ready",
      subject: "job-1",
      blocks: [
        { kind: "text", text: "a <b>fox</b> & a hen" },
        { kind: "fields", items: [["Cost", "35 credits"]] },
        {
          kind: "buttons",
          buttons: [
            { action: "new_seed", label: "New seed", style: "secondary" },
            { action: "upscale_1080p", label: "1080p", style: "primary" },
          ],
        },
      ],
    };
    const extra = [{ type: "divider" as const }];
    const message = renderView(view, extra);
    expect(message.blocks.map((b) => b.type)).toEqual(["header", "section", "section", "divider", "actions"]);
    expect(JSON.stringify(message.blocks[1])).toContain("a &lt;b&gt;fox&lt;/b&gt; &amp; a hen");
    const actions = message.blocks.at(-1);
    if (actions?.type !== "actions") throw new Error("no actions block");
    const ids = actions.elements.map((e) => ("action_id" in e ? e.action_id : undefined));
    expect(ids.map((id) => decodeActionId(id ?? ""))).toEqual([
      { action: "new_seed", subject: "job-1" },
      { action: "upscale_1080p", subject: "job-1" },
    ]);
    expect(message.text).toContain("Your video is ready");
  });

  it("GIVEN more than Slack allows THEN cut with an ellipsis, never refused", () => {
    const view: View = {
      tone: "info",
      title: "t".repeat(400),
      blocks: Array.from({ length: 80 }, () => ({ kind: "text" as const, text: "x".repeat(4000) })),
    };
    const message = renderView(view);
    expect(message.blocks).toHaveLength(LIMITS.blocks);
    const header = message.blocks[0];
    expect(header?.type === "header" && [...header.text.text].length).toBe(LIMITS.header);
    const section = message.blocks[1];
    expect(section?.type === "section" && section.text?.text.endsWith("…")).toBe(true);
    expect([...message.text].length).toBeLessThanOrEqual(LIMITS.text);
  });

  it("GIVEN more fields than one section holds (10) THEN the rest go on in the next section, none dropped", () => {
    const items = Array.from({ length: 13 }, (_, i) => [`F${i}`, `v${i}`] as const);
    const message = renderView({ tone: "info", title: "t", blocks: [{ kind: "fields", items }] });
    const sections = message.blocks.filter((b) => b.type === "section");
    expect(sections.map((b) => (b.type === "section" ? b.fields?.length : 0))).toEqual([10, 3]);
    expect(JSON.stringify(sections)).toContain("*F12*\\nv12");
  });
});
