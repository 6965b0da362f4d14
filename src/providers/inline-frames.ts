import type { FetchImage, ImageOwner } from "../app/generation/ports.ts";
import type { VideoRequest } from "../core/request.ts";

export type { FetchImage };

/**
 * The request with its first and last frames as data URIs, for providers that take them (fal,
 * Replicate, Runware; reference/providers.md): the bot fetches each picture itself, so a chat's
 * private or expiring link (Slack's url_private, a signed Discord CDN link) never has to be
 * reachable by the provider. Without `fetchImage` the links are passed on as they are.
 */
export async function inlineFrames(
  request: VideoRequest,
  fetchImage: FetchImage | undefined,
  owner: ImageOwner | undefined,
): Promise<VideoRequest> {
  if (fetchImage === undefined) return request;
  const inline = async (link: string | null): Promise<string | null> => {
    if (link === null) return null;
    const image = await fetchImage(link, owner);
    return `data:${image.mimeType};base64,${Buffer.from(image.bytes).toString("base64")}`;
  };
  const [firstFrame, lastFrame] = await Promise.all([inline(request.firstFrame), inline(request.lastFrame)]);
  return { ...request, firstFrame, lastFrame };
}
