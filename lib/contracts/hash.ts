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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The canonical JSON of `value` in pieces whose concatenation equals
 * `stableStringify(value)`: objects and arrays down to `depth` are opened
 * member by member, deeper values are written whole. Lets a caller hash a
 * large document a bounded amount of work at a time.
 */
function* canonicalPieces(value: unknown, depth: number): Generator<string> {
  if (depth <= 0 || value === null || typeof value !== "object") {
    yield stableStringify(value);
    return;
  }
  if (Array.isArray(value)) {
    yield "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ",";
      const item: unknown = value[i];
      // As JSON.stringify does inside arrays.
      if (item === undefined || typeof item === "function") yield "null";
      else yield* canonicalPieces(item, depth - 1);
    }
    yield "]";
    return;
  }
  const record = value as Record<string, unknown>;
  yield "{";
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined || typeof member === "function") continue;
    yield `${first ? "" : ","}${JSON.stringify(key)}:`;
    first = false;
    yield* isPlainObject(member) || Array.isArray(member) ? canonicalPieces(member, depth - 1) : [stableStringify(member)];
  }
  yield "}";
}

/**
 * `hashSnapshot`, handing the event loop back every `sliceMs`: the canonical
 * JSON of thousands of routes takes tens of milliseconds to build, and a
 * gateway must keep serving meanwhile. Same result as `hashSnapshot`.
 */
export async function hashSnapshotInSlices(doc: object, sliceMs = 5): Promise<string> {
  const { hash: _ignored, ...content } = doc as Record<string, unknown>;
  const hash = createHash("sha256");
  let deadline = performance.now() + sliceMs;
  // Depth 3 reaches each route, including the canary's (document → canary → routes → route).
  for (const piece of canonicalPieces(content, 3)) {
    hash.update(piece);
    if (performance.now() >= deadline) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      deadline = performance.now() + sliceMs;
    }
  }
  return hash.digest("hex");
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
