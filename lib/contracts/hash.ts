import { createHash } from "node:crypto";

/**
 * Canonical JSON: object keys sorted, `undefined` members left out (as
 * JSON.stringify does), no whitespace. Two documents with the same content
 * give the same string whatever order their keys were written in.
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== "object") {
    const json = JSON.stringify(value);
    // JSON.stringify(undefined) is undefined; inside arrays JSON writes null.
    return json === undefined ? "null" : json;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => stableStringify(item)).join(",")}]`;
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined || typeof member === "function") continue;
    parts.push(`${JSON.stringify(key)}:${stableStringify(member)}`);
  }
  return `{${parts.join(",")}}`;
}

/**
 * Content hash of a snapshot or consumers document: SHA-256 (hex) of its
 * canonical JSON without the top-level `hash` member. Producers hash the
 * document as parsed by its schema (defaults filled in), which is also what
 * the gateway does, so both sides agree.
 */
export function hashSnapshot(doc: object): string {
  const { hash: _ignored, ...content } = doc as Record<string, unknown>;
  return createHash("sha256").update(stableStringify(content)).digest("hex");
}

/** SHA-256 (hex) of an API key's plaintext: what the consumers document stores. */
export function hashApiKey(plaintext: string): string {
  return createHash("sha256").update(plaintext).digest("hex");
}
