// What a /video uses for the options it leaves out, and who chose it: a workspace admin
// (`/framecast admin defaults`) or the person themselves (`/framecast prefer`).

export type DefaultSource = "workspace" | "you";
export type DefaultedField = "model" | "quality" | "ratio" | "audio";

export interface RequestDefaults {
  /** As typed by whoever set it, validated like any option. */
  readonly model?: string;
  readonly quality?: string;
  readonly ratio?: string;
  readonly audio?: boolean;
  /** Added to the end of every prompt (the person's own). */
  readonly suffix?: string;
  /** Who chose each default; absent: the workspace. */
  readonly from?: Partial<Record<DefaultedField, DefaultSource>>;
  /** A preference the workspace's rules set aside, and why: said when the request would use it. */
  readonly setAside?: Partial<Record<DefaultedField | "suffix", string>>;
}
