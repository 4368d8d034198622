import { describe, expect, it } from "vitest";
import { clearDraft, draftKey, hashText, loadDraft, saveDraft, type DraftStore } from "./draft-storage";

function memoryStore(limit = Infinity): DraftStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => {
      if (value.length > limit) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      entries.set(key, value);
    },
    removeItem: (key) => void entries.delete(key),
  };
}

const draft = { text: "openapi: 3.0.3\n", baseHash: hashText("openapi: 3.0.0\n"), savedAt: "2026-01-01T00:00:00.000Z" };

describe("draft storage", () => {
  it("keeps one draft per API and gives it back unchanged", () => {
    const store = memoryStore();
    expect(saveDraft(store, "api.a", draft)).toBe("saved");
    expect(loadDraft(store, "api.a")).toEqual(draft);
    expect(loadDraft(store, "api.b")).toBeNull();
  });

  it("drops a corrupt entry instead of breaking the editor", () => {
    const store = memoryStore();
    store.setItem(draftKey("api.a"), "{not json");
    expect(loadDraft(store, "api.a")).toBeNull();
    store.setItem(draftKey("api.a"), JSON.stringify({ text: 42 }));
    expect(loadDraft(store, "api.a")).toBeNull();
    expect(store.entries.size).toBe(0);
  });

  it("reports a draft too large for the browser and removes the older one, which no longer matches", () => {
    const store = memoryStore(200);
    saveDraft(store, "api.a", draft);
    expect(saveDraft(store, "api.a", { ...draft, text: "x".repeat(500) })).toBe("too_large");
    expect(loadDraft(store, "api.a")).toBeNull();
  });

  it("treats unavailable storage as having no drafts", () => {
    const broken: DraftStore = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    expect(loadDraft(broken, "api.a")).toBeNull();
    expect(() => clearDraft(broken, "api.a")).not.toThrow();
  });

  it("fingerprints tell different documents apart and equal ones alike", () => {
    expect(hashText("paths: {}")).toBe(hashText("paths: {}"));
    expect(hashText("paths: {}")).not.toBe(hashText("paths: []"));
    expect(hashText("")).toMatch(/^[0-9a-f]{8}-0$/);
  });
});
