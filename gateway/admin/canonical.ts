import { createHash } from "node:crypto";
import { stableStringifyMemo, type CanonicalMemo } from "@/lib/contracts/hash";

export interface HashedDocument {
  /** `hashSnapshot(doc)`: SHA-256 of the canonical JSON without `hash`. */
  hash: string;
  /** The canonical JSON with `hash` as its first member: what is written to the data folder. */
  json: string;
}

/**
 * Hashes a parsed document the way `hashSnapshot` does and keeps the
 * canonical JSON it built, so persisting the document does not serialise
 * thousands of routes a second time. With a memo, routes written for an
 * earlier document are not written again.
 */
export function hashDocument(doc: object, memo: CanonicalMemo = new WeakMap()): HashedDocument {
  const { hash: _ignored, ...content } = doc as Record<string, unknown>;
  const canonical = stableStringifyMemo(content, memo);
  const hash = createHash("sha256").update(canonical).digest("hex");
  const json = canonical === "{}" ? `{"hash":"${hash}"}` : `{"hash":"${hash}",${canonical.slice(1)}`;
  return { hash, json };
}
