// Why a job ended without a video: one closed set, stored as the job's error code. The engine
// names the failure and what the words need (the provider's own message, a deadline); the words
// people read are core/views/failures.ts's.

export type JobFailure =
  /** The bot stopped while a submission was in flight: it may or may not have reached the provider. */
  | { readonly code: "interrupted_submission" }
  /** No provider took the job (each refused it, or none could be reached). */
  | { readonly code: "submit_failed"; readonly detail: string }
  /** The provider refused the content, at submission or while making it. */
  | { readonly code: "moderated"; readonly detail: string; readonly atSubmission?: boolean }
  /** The provider that had the job is no longer configured. */
  | { readonly code: "provider_gone" }
  /** The provider said it failed. */
  | { readonly code: "provider_failed"; readonly detail: string }
  /** The provider took longer than the job's deadline. */
  | { readonly code: "timed_out"; readonly minutes: number }
  /** The provider cancelled it (not framecast). */
  | { readonly code: "canceled_at_provider" }
  /** The person (or an admin) cancelled it. */
  | { readonly code: "canceled" }
  /** The provider said it succeeded but gave no video. */
  | { readonly code: "no_result" }
  /** The finished video couldn't be downloaded. */
  | { readonly code: "fetch_failed"; readonly detail: string }
  /** The provider's file is not a video. */
  | { readonly code: "not_a_video"; readonly detail: string }
  /** The video was made but couldn't be posted (`why`: the platform's reason, fit to show). */
  | { readonly code: "undeliverable"; readonly why?: string }
  /** The job's own message couldn't be posted, so it was stopped before it started. */
  | { readonly code: "not_posted" };

export type JobFailureCode = JobFailure["code"];
