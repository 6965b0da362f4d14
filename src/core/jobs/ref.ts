// The short name of a job that people read and type: the first 8 characters of its id (a UUID,
// so 8 hex digits). It is shown on the job's message and in /framecast history, and /cancel and
// the typed button commands (/regenerate <job>) accept it, or the whole id.

export const JOB_REF_LENGTH = 8;

/** "3f2a9c1d" for "3f2a9c1d-5d3f-4e8a-9c61-2f4d8a7b9e10". */
export const jobRef = (jobId: string): string => jobId.slice(0, JOB_REF_LENGTH);

/**
 * What typed text names: a whole job id, or a prefix of at least 6 hex digits (any case, "#" or
 * "job " before it allowed); undefined for anything else.
 */
export function readJobRef(text: string): { readonly id: string } | { readonly prefix: string } | undefined {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/^(?:job\s*)?#?/u, "");
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u.test(t)) return { id: t };
  return /^[0-9a-f]{6}[0-9a-f-]{0,29}$/u.test(t) ? { prefix: t } : undefined;
}
