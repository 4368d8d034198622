import { createHash } from "node:crypto";

/** Rebuilds plain objects with their keys sorted; JSON.stringify then writes them in that order. */
function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) sorted[key] = record[key];
  return sorted;
}

/**
 * Canonical JSON: object keys sorted, `undefined` members left out, no
 * whitespace. Two documents with the same content give the same string
 * whatever order their keys were written in.
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, sortKeys) ?? "null";
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
