// Message body limits Discord enforces (reference/platforms.md §2; OpenAPI `MessageCreateRequest`,
// `RichEmbed`; components/reference.mdx). Errors go into a FormErrors tree under `prefix`
// (`["data"]` for interaction callbacks, where Discord reports `data.embeds.0.title`).

import { ButtonStyle, ComponentType, MessageFlags } from "discord-api-types/v10";
import { FormErrors, formError, type Reply, reply } from "./errors.ts";
import type { UploadedFile } from "./request.ts";

type Path = readonly (string | number)[];
type Json = Record<string, unknown>;

export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowComponents: 5,
  customId: 100,
  label: 80,
  url: 512,
  v2Components: 40,
  attachments: 10,
  nonce: 25,
} as const;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;
const text = (value: unknown): string => (typeof value === "string" ? value : "");

function maxLength(errors: FormErrors, path: Path, value: unknown, max: number): void {
  if (typeof value === "string" && value.length > max) errors.add(path, formError.maxLength(max));
}

function validateEmbeds(embeds: unknown, errors: FormErrors, at: Path): void {
  if (!Array.isArray(embeds)) return;
  if (embeds.length > LIMITS.embeds) errors.add(at, formError.maxLength(LIMITS.embeds));
  let total = 0;
  embeds.forEach((embed: unknown, i) => {
    if (!isObject(embed)) return;
    const path = [...at, i];
    maxLength(errors, [...path, "title"], embed.title, LIMITS.title);
    maxLength(errors, [...path, "description"], embed.description, LIMITS.description);
    const footer = isObject(embed.footer) ? embed.footer.text : undefined;
    const author = isObject(embed.author) ? embed.author.name : undefined;
    maxLength(errors, [...path, "footer", "text"], footer, LIMITS.footer);
    maxLength(errors, [...path, "author", "name"], author, LIMITS.author);
    total += text(embed.title).length + text(embed.description).length;
    total += text(footer).length + text(author).length;
    const fields: unknown[] = Array.isArray(embed.fields) ? embed.fields : [];
    if (fields.length > LIMITS.fields) errors.add([...path, "fields"], formError.maxLength(LIMITS.fields));
    fields.forEach((field, j) => {
      if (!isObject(field)) return;
      const at = [...path, "fields", j];
      if (typeof field.name !== "string") errors.add([...at, "name"], formError.required());
      if (typeof field.value !== "string") errors.add([...at, "value"], formError.required());
      maxLength(errors, [...at, "name"], field.name, LIMITS.fieldName);
      maxLength(errors, [...at, "value"], field.value, LIMITS.fieldValue);
      total += text(field.name).length + text(field.value).length;
    });
  });
  if (total > LIMITS.embedTotal) errors.add(at, formError.embedTooBig());
}

function validateButton(button: Json, errors: FormErrors, at: Path, ids: Set<string>): void {
  maxLength(errors, [...at, "label"], button.label, LIMITS.label);
  if (button.style === ButtonStyle.Link) {
    if (typeof button.url !== "string") errors.add([...at, "url"], formError.required());
    maxLength(errors, [...at, "url"], button.url, LIMITS.url);
    return;
  }
  if (button.style === ButtonStyle.Premium) return;
  customId(button.custom_id, errors, [...at, "custom_id"], ids);
}

function customId(id: unknown, errors: FormErrors, at: Path, ids: Set<string>): void {
  if (typeof id !== "string" || id.length === 0 || id.length > LIMITS.customId) {
    errors.add(at, formError.badLength(1, LIMITS.customId));
  }
  if (typeof id !== "string") return;
  if (ids.has(id)) errors.add(at, formError.duplicateCustomId());
  ids.add(id);
}

function validateLegacyComponents(rows: unknown[], errors: FormErrors, at: Path): void {
  if (rows.length > LIMITS.actionRows) errors.add(at, formError.maxLength(LIMITS.actionRows));
  const ids = new Set<string>();
  for (const [i, row] of rows.entries()) {
    if (!isObject(row) || row.type !== ComponentType.ActionRow) {
      errors.add([...at, i, "type"], formError.choices([ComponentType.ActionRow]));
      continue;
    }
    const children: unknown[] = Array.isArray(row.components) ? row.components : [];
    const path = [...at, i, "components"];
    if (children.length < 1 || children.length > LIMITS.rowComponents) {
      errors.add(path, formError.badLength(1, LIMITS.rowComponents));
    }
    for (const [j, child] of children.entries()) {
      if (!isObject(child)) continue;
      if (child.type === ComponentType.Button) {
        validateButton(child, errors, [...path, j], ids);
        continue;
      }
      if (children.length > 1) errors.add([...path, j], formError.badLength(1, 1)); // a select fills its row
      customId(child.custom_id, errors, [...path, j, "custom_id"], ids);
    }
  }
}

function countComponents(components: unknown): number {
  if (!Array.isArray(components)) return 0;
  return components.reduce<number>((n, c: unknown) => {
    if (!isObject(c)) return n;
    const accessory = isObject(c.accessory) ? 1 : 0;
    return n + 1 + accessory + countComponents(c.components);
  }, 0);
}

/** Adds every limit violation in a message create/edit body to `errors`. */
export function validateMessage(body: Json, errors: FormErrors, prefix: Path = []): void {
  if (body.content !== undefined && body.content !== null && typeof body.content !== "string") {
    errors.add([...prefix, "content"], {
      code: "STRING_TYPE_CONVERT",
      message: "Could not interpret as string.",
    });
  }
  maxLength(errors, [...prefix, "content"], body.content, LIMITS.content);
  validateEmbeds(body.embeds, errors, [...prefix, "embeds"]);
  if (Array.isArray(body.components)) {
    const v2 = (Number(body.flags ?? 0) & MessageFlags.IsComponentsV2) !== 0;
    if (!v2) validateLegacyComponents(body.components, errors, [...prefix, "components"]);
    else if (countComponents(body.components) > LIMITS.v2Components) {
      errors.add([...prefix, "components"], formError.maxLength(LIMITS.v2Components));
    }
  }
  if (Array.isArray(body.attachments) && body.attachments.length > LIMITS.attachments) {
    errors.add([...prefix, "attachments"], formError.maxLength(LIMITS.attachments));
  }
  const nonce = body.nonce;
  if (nonce !== undefined && nonce !== null) {
    if (typeof nonce === "string" && nonce.length > LIMITS.nonce)
      errors.add(["nonce"], formError.nonceTooLong());
    else if (typeof nonce !== "string" && !Number.isInteger(nonce))
      errors.add(["nonce"], formError.nonceType());
  }
}

/** A whole request is capped at 25 MiB (message.mdx "Limitations"), or the per-file limit if higher [U]. */
export const REQUEST_LIMIT = 25 * 1024 * 1024;

/**
 * Upload limits: since 2025-04-03 each file may be up to the limit (10 MiB by default,
 * `attachment_size_limit` for interactions); over it, or over the request cap, is 413 / 40005.
 */
export function checkUploads(files: readonly UploadedFile[], perFileLimit: number): Reply | undefined {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (files.some((file) => file.size > perFileLimit) || total > Math.max(REQUEST_LIMIT, perFileLimit)) {
    return reply.tooLarge();
  }
  return undefined;
}

export type Checked =
  | { readonly ok: true; readonly body: Json }
  | { readonly ok: false; readonly reply: Reply };

/** The body as an object, or the 50035 reply listing every violated limit. */
export function checkMessageBody(json: unknown, prefix: Path = []): Checked {
  const errors = new FormErrors();
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    errors.add(prefix, { code: "DICT_TYPE_CONVERT", message: "Only dictionaries may be used in a DictType" });
    return { ok: false, reply: reply.invalidForm(errors) };
  }
  const body = json as Json;
  validateMessage(body, errors, prefix);
  return errors.empty ? { ok: true, body } : { ok: false, reply: reply.invalidForm(errors) };
}
