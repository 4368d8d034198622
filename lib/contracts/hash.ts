import { createHash } from "node:crypto";
import { consumersSchema, type Consumers, type ConsumersInput } from "./consumers";
import { snapshotSchema, type Snapshot, type SnapshotInput } from "./snapshot";

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

/**
 * Parses a snapshot (filling defaults) and sets its `hash`: what a producer
 * pushes. The gateway recomputes the hash the same way and refuses a
 * document whose `hash` does not match.
 */
export function sealSnapshot(input: SnapshotInput): Snapshot {
  const parsed = snapshotSchema.parse(input);
  return { ...parsed, hash: hashSnapshot(parsed) };
}

/** The same for the consumers document. */
export function sealConsumers(input: ConsumersInput): Consumers {
  const parsed = consumersSchema.parse(input);
  return { ...parsed, hash: hashSnapshot(parsed) };
}
