import type {
  ProviderJob,
  ProviderStatus,
  SubmitOptions,
  Support,
  VideoProvider,
} from "../../src/app/generation/ports.ts";
import type { VideoRequest } from "../../src/core/request.ts";

/**
 * A provider an e2e file opens only for the tests that want it: put it before the preview, and
 * the router passes it over (supports() says no) until `open` is set. A job it took keeps being
 * tracked by it whatever `open` says (the router finds it by id).
 */
export class GatedProvider implements VideoProvider {
  open = false;
  readonly #inner: VideoProvider;

  constructor(inner: VideoProvider) {
    this.#inner = inner;
  }

  get id() {
    return this.#inner.id;
  }

  supports(request: VideoRequest): Support {
    return this.open ? this.#inner.supports(request) : { ok: false, reason: "closed in this test" };
  }

  submit(request: VideoRequest, options: SubmitOptions): Promise<ProviderJob> {
    return this.#inner.submit(request, options);
  }

  status(job: ProviderJob, signal?: AbortSignal, request?: VideoRequest): Promise<ProviderStatus> {
    return this.#inner.status(job, signal, request);
  }
}
