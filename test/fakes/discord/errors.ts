// Discord's error bodies: `{ code, message, errors? }` (reference/platforms.md §1; OpenAPI
// `ErrorResponse`). Form validation errors nest by field path, arrays by index, and end in
// `{ _errors: [{ code, message }] }`; discord.js flattens them to `embeds[0].title[BASE_TYPE_MAX_LENGTH]`.

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
}

export interface FormError {
  readonly code: string;
  readonly message: string;
}

type Path = readonly (string | number)[];

/** Collects field errors into Discord's nested `errors` object. */
export class FormErrors {
  readonly #root: Record<string, unknown> = {};
  #count = 0;

  add(path: Path, error: FormError): void {
    let node = this.#root;
    for (const key of path) {
      const next = (node[String(key)] ?? {}) as Record<string, unknown>;
      node[String(key)] = next;
      node = next;
    }
    const list = (node._errors ?? []) as FormError[];
    list.push(error);
    node._errors = list;
    this.#count++;
  }

  get empty(): boolean {
    return this.#count === 0;
  }

  toJSON(): Record<string, unknown> {
    return this.#root;
  }
}

export const formError = {
  required: (): FormError => ({ code: "BASE_TYPE_REQUIRED", message: "This field is required" }),
  maxLength: (max: number): FormError => ({
    code: "BASE_TYPE_MAX_LENGTH",
    message: `Must be ${max} or fewer in length.`,
  }),
  badLength: (min: number, max: number): FormError => ({
    code: "BASE_TYPE_BAD_LENGTH",
    message: `Must be between ${min} and ${max} in length.`,
  }),
  choices: (choices: readonly (string | number)[]): FormError => ({
    code: "BASE_TYPE_CHOICES",
    message: `Value must be one of (${choices.join(", ")}).`,
  }),
  embedTooBig: (): FormError => ({
    code: "MAX_EMBED_SIZE_EXCEEDED",
    message: "Embed size exceeds maximum size of 6000",
  }),
  nonceTooLong: (): FormError => ({
    code: "NONCE_TYPE_TOO_LONG",
    message: "Must be 25 or fewer characters long.",
  }),
  nonceType: (): FormError => ({
    code: "NONCE_TYPE_INVALID_TYPE",
    message: "This field must be a string or integer.",
  }),
  duplicateCustomId: (): FormError => ({
    code: "COMPONENT_CUSTOM_ID_DUPLICATED",
    message: "Component custom id cannot be duplicated",
  }),
};

const error = (status: number, code: number, message: string, errors?: FormErrors): Reply => ({
  status,
  body: errors === undefined ? { message, code } : { message, code, errors: errors.toJSON() },
});

export const reply = {
  json: (status: number, body: unknown): Reply => ({ status, body }),
  noContent: (): Reply => ({ status: 204 }),
  unauthorized: (): Reply => error(401, 0, "401: Unauthorized"),
  notFound: (): Reply => error(404, 0, "404: Not Found"),
  methodNotAllowed: (): Reply => error(405, 0, "405: Method Not Allowed"),
  unknownChannel: (): Reply => error(404, 10003, "Unknown Channel"),
  unknownMessage: (): Reply => error(404, 10008, "Unknown Message"),
  unknownWebhook: (): Reply => error(404, 10015, "Unknown Webhook"),
  unknownInteraction: (): Reply => error(404, 10062, "Unknown interaction"),
  tooLarge: (): Reply => error(413, 40005, "Request entity too large"),
  alreadyAcknowledged: (): Reply => error(400, 40060, "Interaction has already been acknowledged."),
  missingAccess: (): Reply => error(403, 50001, "Missing Access"),
  missingPermissions: (): Reply => error(403, 50013, "Missing Permissions"),
  notAuthor: (): Reply => error(403, 50005, "Cannot edit a message authored by another user"),
  emptyMessage: (): Reply => error(400, 50006, "Cannot send an empty message"),
  invalidWebhookToken: (): Reply => error(401, 50027, "Invalid Webhook Token"),
  invalidForm: (errors: FormErrors): Reply => error(400, 50035, "Invalid Form Body", errors),
  invalidJson: (): Reply => error(400, 50109, "The request body contains invalid JSON."),
};
