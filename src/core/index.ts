// framecast's pure core as a library: grammar, validation, catalog and pricing. No I/O.
export * from "./catalog.ts";
export { type CheckedCommand, checkVideoCommand, checkVideoOptions } from "./command.ts";
export { checkedCommandJson } from "./command-json.ts";
export { type CommandError, ERROR_CODES, type ErrorCode, type RequestField } from "./errors.ts";
export { type ParsedCommand, parseCommand } from "./grammar/parse.ts";
export { tokenize, type Word } from "./grammar/tokenize.ts";
export * from "./pricing.ts";
export { type RawRequest, rawRequestSchema, type VideoRequest, videoRequestSchema } from "./request.ts";
export { type Validation, validateRaw, validateRequest } from "./validate.ts";
