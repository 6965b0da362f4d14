import {
  CATALOG,
  DEFAULTS,
  describeDurations,
  listWords,
  MODEL_IDS,
  PROMPT_MAX_CHARS,
  SEED_MAX,
  STYLES,
} from "../catalog.ts";
import type { View } from "./view.ts";

const v56 = CATALOG["v5.6"];
const v6 = CATALOG.v6;

/** Every option, its spellings, what it accepts, and its default. */
const OPTIONS: readonly (readonly [option: string, accepts: string])[] = [
  [
    "prompt",
    `what to show, up to ${PROMPT_MAX_CHARS} characters (or just type it: words outside options are the prompt)`,
  ],
  [
    "duration · dur · d",
    `seconds: v5.6 ${describeDurations(v56)}, v6 ${describeDurations(v6)} (default ${DEFAULTS.duration}; "8s" works)`,
  ],
  [
    "ratio · ar · aspect",
    `v5.6 ${listWords(v56.ratios)}; v6 adds ${listWords(v6.ratios.filter((r) => !v56.ratios.includes(r)))} (default ${DEFAULTS.ratio}; with an image, the image decides)`,
  ],
  ["quality · q · res", `360p, 540p, 720p or 1080p (default ${DEFAULTS.quality}; v5.6 has no 10 s at 1080p)`],
  [
    "model",
    `${listWords([...MODEL_IDS])} (default ${DEFAULTS.model}; also 5.6, 6, pixverse-v6, pixverse/v6)`,
  ],
  ["audio", "on or off: generated sound with the video (default on)"],
  ["negative · neg · no", "what to keep out of the video"],
  ["seed", `0–${SEED_MAX}, to repeat a result (default random)`],
  ["style", `v5.6 only: ${listWords([...STYLES])}`],
  ["motion", "v5.6 only: normal or fast (fast: 5 s and below 1080p)"],
  ["thinking", "auto, enabled or disabled: let PixVerse refine the prompt (default auto)"],
  ["image · first_frame", "link to the first frame: animates that image"],
  ["last_image · last_frame", "link to the last frame (needs image): morphs from first to last"],
];

export function helpView(): View {
  return {
    tone: "info",
    title: "framecast: AI video from a sentence",
    blocks: [
      {
        kind: "text",
        text: "/video makes a video; /framecast manages (help, models, usage, history, cancel, admin). The price is shown before anything runs, and you are never charged for a video that fails.",
      },
      {
        kind: "code",
        text: [
          "/video a fox running through snow",
          "/video a fox in snow --ar 9:16 --dur 8",
          "/video prompt:a neon city at night duration:10 quality:1080p model:v6",
          '/video "a poster that says duration:8" ratio:1:1',
          "/video waves crashing on rocks neg:people, text audio:off seed:42",
        ].join("\n"),
      },
      { kind: "table", headers: ["option", "accepts"], rows: OPTIONS },
      {
        kind: "list",
        items: [
          "Write options as key:value, key=value, --key value or --key=value; keys ignore case.",
          "prompt and negative run until the next option, so `prompt:a poster in 9:16 format duration:8` keeps 9:16 in the prompt.",
          'Quotes (straight or curly) keep text literal: `"a fox --ar 9:16"`.',
          "Every problem in a command is reported at once, with what is allowed.",
        ],
      },
    ],
  };
}
