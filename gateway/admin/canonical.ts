import { createHash } from "node:crypto";
import { writeMemoSteps, type CanonicalMemo } from "@/lib/contracts/hash";
import { runToEnd, type Sliced } from "@/lib/contracts/steps";

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
  return runToEnd(hashDocumentSteps(doc, memo));
}

/** `hashDocument` as sliceable work (compile/slices): it yields after each route it writes or takes from the memo, and while hashing. */
export function* hashDocumentSteps(doc: object, memo: CanonicalMemo = new WeakMap()): Sliced<HashedDocument> {
  const { hash: _ignored, ...content } = doc as Record<string, unknown>;
  const pieces: string[] = [];
  yield* writeMemoSteps(content, memo, pieces);
  const sha = createHash("sha256");
  for (let i = 0; i < pieces.length; i++) {
    sha.update(pieces[i]);
    if (i % 1000 === 999) yield;
  }
  const hash = sha.digest("hex");
  // `{"hash":"…",` then the members: the canonical JSON's first piece is `{"name":` or `{}`.
  if (pieces[0] === "{}") return { hash, json: `{"hash":"${hash}"}` };
  pieces[0] = `{"hash":"${hash}",${pieces[0].slice(1)}`;
  return { hash, json: pieces.join("") };
}
