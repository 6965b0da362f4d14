// The words shown for each way a job can end without a video (core/jobs/failures.ts): on the
// job's message, in /framecast history, and in the refund's ledger note.

import type { JobFailure } from "../jobs/failures.ts";

export function failureText(failure: JobFailure): string {
  switch (failure.code) {
    case "interrupted_submission":
      return "The bot restarted while starting this video, so it was stopped and refunded to be safe. Please try again.";
    case "submit_failed":
      return `No provider could start this video: ${failure.detail}`;
    case "moderated":
      return failure.atSubmission === true
        ? `The provider refused the content: ${failure.detail}`
        : failure.detail;
    case "provider_gone":
      return "The provider that was making this video is no longer configured.";
    case "provider_failed":
      return failure.detail;
    case "timed_out":
      return `The provider took more than ${failure.minutes} minutes.`;
    case "canceled_at_provider":
      return "The video was cancelled.";
    case "canceled":
      return "Cancelled at your request.";
    case "no_result":
      return "The provider reported success without a video.";
    case "fetch_failed":
      return `The finished video could not be fetched: ${failure.detail}`;
    case "not_a_video":
      return failure.detail;
    case "undeliverable":
      return `framecast made the video but couldn't post it here${failure.why === undefined ? "" : ` (${failure.why})`}.`;
    case "not_posted":
      return "framecast couldn't post this video's message here, so it was stopped.";
  }
}
