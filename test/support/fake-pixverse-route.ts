import type {
  ProviderJob,
  ProviderStatus,
  SubmitOptions,
  Support,
  VideoProvider,
} from "../../src/app/generation/ports.ts";
import type { VideoRequest } from "../../src/core/request.ts";
import { PixverseProvider } from "../../src/providers/pixverse/client.ts";
import type { FakePixverse } from "../fakes/pixverse.ts";
import { testHttpPolicy } from "./video-request.ts";

/**
 * The real PixVerse client on the fake, for an e2e file whose other jobs go to the preview: put it
 * first in the providers, and the router passes it over (supports() says no) until `open` is set.
 * A job it took keeps being tracked by it whatever `open` says (the router finds it by id).
 */
export class FakePixverseRoute implements VideoProvider {
  readonly id = "pixverse" as const;
  open = false;
  readonly #client: PixverseProvider;

  constructor(fake: FakePixverse) {
    this.#client = new PixverseProvider({
      apiKey: fake.apiKey,
      baseUrl: fake.baseUrl,
      http: testHttpPolicy().policy,
    });
  }

  supports(request: VideoRequest): Support {
    return this.open ? this.#client.supports(request) : { ok: false, reason: "closed in this test" };
  }

  submit(request: VideoRequest, options: SubmitOptions): Promise<ProviderJob> {
    return this.#client.submit(request, options);
  }

  status(job: ProviderJob, signal?: AbortSignal): Promise<ProviderStatus> {
    return this.#client.status(job, signal);
  }
}
