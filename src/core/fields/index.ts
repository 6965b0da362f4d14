// One reader per option: turns what the user typed (or Discord's typed value) into the field's
// value, or a coded error. Model-dependent rules live in rules.ts.
export { readImageUrl } from "./image.ts";
export { readDuration, readSeed } from "./numbers.ts";
export { nearestNumber, type Read } from "./read.ts";
export { readModel, readQuality, readRatio } from "./shape.ts";
export { readAudio, readMotion, readShots, readStyle, readThinking } from "./switches.ts";
export { readNegativePrompt, readPrompt } from "./text.ts";
