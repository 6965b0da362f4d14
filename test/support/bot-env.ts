// The environment of a real bot process (tests and benches) that makes its videos on a fake
// PixVerse, with the per-user quota and concurrency lifted so every valid /video is accepted.
// No vitest here: the benches import it too.

export function fakePixverseEnv(pixverse: {
  readonly apiKey: string;
  readonly baseUrl: string;
}): NodeJS.ProcessEnv {
  return {
    PIXVERSE_API_KEY: pixverse.apiKey,
    PIXVERSE_API_URL: pixverse.baseUrl,
    FRAMECAST_MEDIA_HOSTS: new URL(pixverse.baseUrl).host,
    FRAMECAST_USER_DAILY_VIDEOS: "none",
    FRAMECAST_USER_DAILY_SECONDS: "none",
    FRAMECAST_USER_CONCURRENT: "none",
  };
}
