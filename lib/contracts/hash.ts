import { createHash } from "node:crypto";
import { runToEnd, type Sliced } from "./steps";
import { consumersSchema, type Consumers, type ConsumersInput } from "./consumers";
import { snapshotSchema, type Snapshot, type SnapshotInput } from "./snapshot";

/** An array index as JavaScript orders own keys: a canonical integer below 2^32 - 1. */
function isArrayIndex(key: string): boolean {
  const length = key.length;
  if (length === 0 || length > 10) return false;
  const first = key.charCodeAt(0);
  if (first === 48 /* 0 */) return length === 1;
  for (let i = 0; i < length; i++) {
    const code = key.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return length < 10 || Number(key) < 4_294_967_295;
}

/**
 * The member order of canonical JSON, as it has always been computed (an
 * object rebuilt with its keys sorted, then stringified): array-index keys
 * first in numeric order, as JavaScript enumerates them, then the others
 * sorted by UTF-16 code units. `Object.keys` already lists the index keys
 * first and in order, so only the rest needs sorting.
 */
function canonicalKeyOrder(keys: string[]): string[] {
  let indexKeys = 0;
  while (indexKeys < keys.length && isArrayIndex(keys[indexKeys])) indexKeys++;
  if (indexKeys === 0) return keys.sort();
  if (keys.length - indexKeys < 2) return keys;
  return keys.slice(0, indexKeys).concat(keys.slice(indexKeys).sort());
}

function hasToJSON(value: object): value is { toJSON(key: string): unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === "function";
}

/** A copy of `value` whose objects have their members in canonical order; JSON.stringify then writes canonical JSON natively. */
function sortedCopy(value: unknown, key: string): unknown {
  if (value === null || typeof value !== "object") return value;
  if (hasToJSON(value)) return sortedCopy(value.toJSON(key), key);
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = sortedCopy(value[i], String(i));
    return copy;
  }
  const record = value as Record<string, unknown>;
  const keys = canonicalKeyOrder(Object.keys(record));
  const copy: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const name = keys[i];
    copy[name] = sortedCopy(record[name], name);
  }
  return copy;
}

/**
 * Canonical JSON: object keys sorted (array-index keys first, see
 * canonicalKeyOrder), `undefined` members left out, no whitespace;
 * otherwise exactly what `JSON.stringify` writes. Two documents with the
 * same content give the same string whatever order their keys were
 * written in.
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortedCopy(value, "")) ?? "null";
}

/**
 * Objects already written as canonical JSON, by identity. Documents of one
 * stage share their unchanged routes (see parseSnapshot), so each route is
 * written once, not on every push.
 */
export type CanonicalMemo = WeakMap<object, string>;

function memoized(value: object, memo: CanonicalMemo): string {
  let json = memo.get(value);
  if (json === undefined) {
    json = stableStringify(value);
    memo.set(value, json);
  }
  return json;
}

/** `stableStringify(value)`, taking the canonical JSON of objects inside arrays (routes) from `memo` and adding the ones it writes. */
export function stableStringifyMemo(value: unknown, memo: CanonicalMemo): string {
  const pieces: string[] = [];
  runToEnd(writeMemoSteps(value, memo, pieces));
  return pieces.join("");
}

/**
 * `stableStringifyMemo` as sliceable work (see steps.ts): it appends the
 * canonical JSON to `pieces`, yielding after each object of an array (a
 * route), whose JSON it takes from `memo` or writes and remembers.
 */
export function* writeMemoSteps(value: unknown, memo: CanonicalMemo, pieces: string[]): Sliced<void> {
  if (value === null || typeof value !== "object" || hasToJSON(value)) {
    pieces.push(stableStringify(value));
    return;
  }
  if (Array.isArray(value)) {
    pieces.push("[");
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (i > 0) pieces.push(",");
      if (item !== null && typeof item === "object" && !Array.isArray(item) && !hasToJSON(item)) {
        pieces.push(memoized(item, memo));
        yield;
      } else pieces.push(stableStringify(item));
    }
    pieces.push("]");
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = canonicalKeyOrder(Object.keys(record));
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const name = keys[i];
    const member = record[name];
    if (member === undefined || typeof member === "function" || typeof member === "symbol") continue;
    const prefix = `${first ? "{" : ","}${JSON.stringify(name)}:`;
    first = false;
    // Only objects hold routes to yield between: anything else is written in place.
    if (member === null || typeof member !== "object" || hasToJSON(member)) pieces.push(prefix + stableStringify(member));
    else {
      pieces.push(prefix);
      yield* writeMemoSteps(member, memo, pieces);
    }
  }
  pieces.push(first ? "{}" : "}");
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
