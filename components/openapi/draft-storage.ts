/**
 * Unsaved editor content, kept in the browser per API (or for the import
 * page) so that a reload, a crash or a closed tab does not lose edits. The
 * draft remembers a fingerprint of the definition it started from, so that
 * the editor can say when the API changed underneath it.
 */
export interface Draft {
  text: string;
  /** hashText() of the document the edits started from. */
  baseHash: string;
  /** ISO time of the last save. */
  savedAt: string;
}

export type DraftStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const PREFIX = "portico.openapi-draft.";

export function draftKey(scope: string): string {
  return PREFIX + scope;
}

export function loadDraft(store: DraftStore, scope: string): Draft | null {
  let raw: string | null;
  try {
    raw = store.getItem(draftKey(scope));
  } catch {
    // Storage can be disabled (privacy settings); the editor still works without drafts.
    return null;
  }
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (isDraft(value)) return value;
  } catch {
    // A corrupt entry is worth less than a working editor: drop it below.
  }
  clearDraft(store, scope);
  return null;
}

/** "too_large" when the browser refuses to store it (localStorage holds about 5 MB per site). */
export function saveDraft(store: DraftStore, scope: string, draft: Draft): "saved" | "too_large" {
  try {
    store.setItem(draftKey(scope), JSON.stringify(draft));
    return "saved";
  } catch {
    // A failed write may leave an older draft behind that no longer matches the editor.
    clearDraft(store, scope);
    return "too_large";
  }
}

export function clearDraft(store: DraftStore, scope: string): void {
  try {
    store.removeItem(draftKey(scope));
  } catch {
    // Nothing to clean when storage is unavailable.
  }
}

/** A cheap fingerprint (FNV-1a over UTF-16 code units, plus the length): enough to tell two versions of a document apart. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${(hash >>> 0).toString(16).padStart(8, "0")}-${text.length}`;
}

function isDraft(value: unknown): value is Draft {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.text === "string" && typeof record.baseHash === "string" && typeof record.savedAt === "string";
}
