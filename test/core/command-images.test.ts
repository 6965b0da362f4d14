import { describe, expect, it } from "vitest";
import { checkVideoCommand } from "../../src/core/command.ts";
import { signedLinkExpired } from "../../src/core/hosts.ts";

// Images that arrive beside a command's text (a chat attachment, a replied-to message).

const A = "https://cdn.discordapp.com/attachments/1/2/a.png?ex=1&is=2&hm=3";
const B = "https://cdn.discordapp.com/attachments/1/3/b.png";

describe("checkVideoCommand with images", () => {
  it("GIVEN one image THEN it is the first frame: image-to-video", () => {
    const checked = checkVideoCommand("/video make the waves crash", undefined, {}, [A]);
    expect(checked.ok && checked.request).toMatchObject({
      mode: "image-to-video",
      firstFrame: A,
      lastFrame: null,
    });
  });

  it("GIVEN two images THEN first and last frame: a transition", () => {
    const checked = checkVideoCommand("/video dusk to dawn duration:5", undefined, {}, [A, B]);
    expect(checked.ok && checked.request).toMatchObject({ mode: "transition", firstFrame: A, lastFrame: B });
  });

  it("GIVEN an image option in the text THEN the text wins over attachments", () => {
    const checked = checkVideoCommand(`/video waves image:${B}`, undefined, {}, [A]);
    expect(checked.ok && checked.request).toMatchObject({ firstFrame: B, lastFrame: null });
  });

  it("GIVEN images and a bad option THEN the same errors as without images", () => {
    const checked = checkVideoCommand("/video waves duration:99", undefined, {}, [A]);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.errors.map((e) => e.field)).toEqual(["duration"]);
  });
});

describe("signed CDN links", () => {
  const now = new Date("2026-11-22T12:00:00Z");
  const at = (date: string) => Math.floor(new Date(date).getTime() / 1000).toString(16);
  it("GIVEN Discord's ex parameter THEN expired once that time has passed; unsigned links never expire", () => {
    expect(signedLinkExpired(`${A.split("?")[0]}?ex=${at("2026-11-22T11:59:59Z")}&is=1&hm=2`, now)).toBe(
      true,
    );
    expect(signedLinkExpired(`${A.split("?")[0]}?ex=${at("2026-11-23T00:00:00Z")}&is=1&hm=2`, now)).toBe(
      false,
    );
    expect(signedLinkExpired(B, now)).toBe(false);
    expect(signedLinkExpired("not a link", now)).toBe(false);
  });
});
