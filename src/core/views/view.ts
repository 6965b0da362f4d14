// Platform-neutral message view models. Adapters render them: Discord as embeds, Slack as Block
// Kit, the console as text. Nothing here knows which platform it will be shown on.

export type Tone = "info" | "success" | "warning" | "error";

export type Block =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "fields"; readonly items: readonly (readonly [label: string, value: string])[] }
  | { readonly kind: "list"; readonly items: readonly string[] }
  | {
      readonly kind: "table";
      readonly headers: readonly string[];
      readonly rows: readonly (readonly string[])[];
    }
  | { readonly kind: "code"; readonly text: string }
  | { readonly kind: "buttons"; readonly buttons: readonly Button[] };

/** An action a person can take on a message; adapters turn `action` + the view's subject into an id. */
export interface Button {
  readonly action: string;
  readonly label: string;
  readonly style: "primary" | "secondary" | "danger";
}

export interface View {
  readonly tone: Tone;
  readonly title: string;
  readonly blocks: readonly Block[];
  /** Shown only to the person who asked (Discord ephemeral, Slack ephemeral). */
  readonly private?: boolean;
  /** What the buttons act on (a job id), for adapters to build their button ids. */
  readonly subject?: string;
}
