import type {
  ProviderId,
  ProviderJob,
  ProviderStatus,
  SubmitOptions,
  Support,
  VideoProvider,
} from "../../src/app/generation/ports.ts";
import type { VideoRequest } from "../../src/core/request.ts";

/**
 * A VideoProvider whose answers the test writes: each submitted job follows `script` (one status
 * per poll, the last repeated), or submit throws `submitError`. Records every call.
 */
export class ScriptedProvider implements VideoProvider {
  readonly id: ProviderId;
  script: ProviderStatus[] = [{ state: "succeeded", videoUrl: "https://media.test/out.mp4", seed: 7 }];
  submitError: Error | undefined;
  /** Set: submit waits for this before answering (a submission in flight). */
  submitGate: Promise<void> | undefined;
  readonly submitted: { request: VideoRequest; options: SubmitOptions }[] = [];
  readonly canceled: string[] = [];
  readonly #polls = new Map<string, number>();
  #next = 1;
  readonly cancel: ((job: ProviderJob) => Promise<"requested" | "already_done" | "not_found">) | undefined;

  constructor(id: ProviderId = "pixverse", options: { canCancel?: boolean } = {}) {
    this.id = id;
    this.cancel =
      options.canCancel === false
        ? undefined
        : async (job) => {
            this.canceled.push(job.id);
            return "requested";
          };
  }

  /** Set: it extends its own videos natively (as PixVerse does); unset: it has no extend. */
  extends = false;

  supports(request: VideoRequest): Support {
    if (request.source === undefined) return { ok: true };
    return this.extends && request.source.provider === this.id
      ? { ok: true }
      : { ok: false, reason: `${this.id} (scripted) has no extend` };
  }

  async submit(request: VideoRequest, options: SubmitOptions): Promise<ProviderJob> {
    this.submitted.push({ request, options });
    await this.submitGate;
    if (this.submitError !== undefined) throw this.submitError;
    return { provider: this.id, id: `${this.id}-${this.#next++}` };
  }

  async status(job: ProviderJob): Promise<ProviderStatus> {
    const n = this.#polls.get(job.id) ?? 0;
    this.#polls.set(job.id, n + 1);
    const status = this.script[Math.min(n, this.script.length - 1)];
    if (status === undefined) throw new Error("the script is empty");
    return status;
  }
}
