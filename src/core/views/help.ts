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

const specs = MODEL_IDS.map((m) => CATALOG[m]);
const [first = CATALOG[DEFAULTS.model]] = specs;
const only = (has: (m: (typeof specs)[number]) => boolean): string =>
  `${listWords(specs.filter(has).map((m) => m.id))} only`;
/** "v5.6 16:9, 4:3, 1:1, 3:4 or 9:16; v6 adds 2:3, 3:2 or 21:9; …" */
const ratioWords = [
  `${first.id} ${listWords(first.ratios)}`,
  ...specs
    .slice(1)
    .map((m) => [m.id, m.ratios.filter((r) => !first.ratios.includes(r))] as const)
    .filter(([, extra]) => extra.length > 0)
    .map(([id, extra]) => `${id} adds ${listWords(extra)}`),
].join("; ");

/** Every option, its spellings, what it accepts, and its default. */
const OPTIONS: readonly (readonly [option: string, accepts: string])[] = [
  [
    "prompt",
    `what to show, up to ${PROMPT_MAX_CHARS} characters (or just type it: words outside options are the prompt)`,
  ],
  [
    "duration · dur · d",
    `seconds: ${specs.map((m) => `${m.id} ${describeDurations(m)}`).join(", ")} (default ${DEFAULTS.duration}; "8s" works)`,
  ],
  ["ratio · ar · aspect", `${ratioWords} (default ${DEFAULTS.ratio}; with an image, the image decides)`],
  ["quality · q · res", `360p, 540p, 720p or 1080p (default ${DEFAULTS.quality}; v5.6 has no 10 s at 1080p)`],
  [
    "model",
    `${listWords([...MODEL_IDS])} (default ${DEFAULTS.model}; also 5.6, 6, pixverse-v6, pixverse/v6)`,
  ],
  ["audio", "on or off: generated sound with the video (default on)"],
  ["negative · neg · no", "what to keep out of the video"],
  ["seed", `0–${SEED_MAX}, to repeat a result (default random)`],
  ["style", `${only((m) => m.styles.length > 0)}: ${listWords([...STYLES])}`],
  ["motion", `${only((m) => m.fastMotion !== null)}: normal or fast (fast: 5 s and below 1080p)`],
  ["thinking", "auto, enabled or disabled: let PixVerse refine the prompt (default auto)"],
  [
    "shots · multi_shot",
    `${only((m) => m.multiShot)}, on PixVerse or Runware: on cuts between several shots in one video (default off)`,
  ],
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
        text: "/video makes a video; /framecast manages (help, models, usage, history, cancel, continue, prefer, admin). The price is shown before anything runs, and you are never charged for a video that fails.",
      },
      {
        kind: "code",
        text: [
          "/video a fox running through snow",
          "/video a fox in snow --ar 9:16 --dur 8",
          "/video prompt:a neon city at night duration:10 quality:1080p model:v6",
          '/video "a poster that says duration:8" ratio:1:1',
          "/video waves crashing on rocks neg:people, text audio:off seed:42",
          "/video a heist: the crew, the vault, the getaway model:v6 duration:10 shots:on",
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
          "Your own defaults: /framecast prefer model:v6 quality:720p ratio:9:16 audio:off suffix:cinematic light (suffix is added to every prompt). Typed options win over them; the workspace's limits win over both. /framecast prefer shows them, /framecast prefer clear removes them.",
        ],
      },
      {
        kind: "list",
        items: [
          "A finished video's buttons: Regenerate, New seed, 1080p, Extend and Continue (typed: /regenerate <job>, /extend <job>, …).",
          "Extend continues the video with the provider's own extend (PixVerse v5.6 and v6, fal v6); elsewhere a new video starts from its last frame.",
          "Continue grows it segment by segment and joins them, sound kept, into one file; each segment is charged as it is made. /framecast continue <job> <seconds> adds that many seconds; an admin sets the longest joined video.",
        ],
      },
    ],
  };
}
