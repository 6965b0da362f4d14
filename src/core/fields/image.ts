// Image links for the first and last frame.

import { commandError } from "../errors.ts";
import { fail, needsValue, ok, type Read } from "./read.ts";

export function readImageUrl(value: string, field: "firstFrame" | "lastFrame"): Read<string | null> {
  const text = value.trim().replace(/^<(.*)>$/u, "$1"); // Slack wraps links in <…>
  const key = field === "firstFrame" ? "image" : "last_image";
  if (text === "") return needsValue("invalid_image", field, key, "https://example.com/photo.png");
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url !== undefined && url.protocol === "https:" && url.hostname !== "") return ok(url.href);
  // Pictures are fetched only over https: a plain http link could be read or changed on the way.
  if (url !== undefined && url.protocol === "http:" && url.hostname !== "")
    return fail(
      commandError(
        "invalid_image",
        field,
        `${key} must be an https:// link: framecast fetches pictures only over https, so "${text}" can't be used. Use its https address, or attach the picture.`,
        { given: text },
      ),
    );
  return fail(
    commandError(
      "invalid_image",
      field,
      `${key} must be a link to an image (https://…); "${text}" isn't one.`,
      {
        given: text,
      },
    ),
  );
}
