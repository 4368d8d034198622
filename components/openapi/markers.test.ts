import { describe, expect, it } from "vitest";
import { toMarkers, tokenRange } from "./markers";

const lines = (text: string) => {
  const all = text.split("\n");
  return { lineCount: all.length, lineContent: (line: number) => all[line - 1] ?? "" };
};

describe("tokenRange", () => {
  it("underlines a YAML key up to its colon", () => {
    expect(tokenRange("    required: yes", 5)).toEqual({ startColumn: 5, endColumn: 13 });
  });

  it("underlines a quoted string including both quotes", () => {
    expect(tokenRange('  "name": "orderID",', 11)).toEqual({ startColumn: 11, endColumn: 20 });
  });

  it("keeps a URL with a scheme as one token", () => {
    expect(tokenRange("uri: http://127.0.0.1:9/items", 6)).toEqual({ startColumn: 6, endColumn: 30 });
  });

  it("underlines the line's text when the position is past its end, so the marker stays visible", () => {
    expect(tokenRange("  paths:", 40)).toEqual({ startColumn: 3, endColumn: 9 });
  });

  it("marks one character on a structural character rather than nothing", () => {
    expect(tokenRange("{", 1)).toEqual({ startColumn: 1, endColumn: 2 });
  });
});

describe("toMarkers", () => {
  it("places each problem on its line with the message", () => {
    const text = "openapi: 3.0.3\npaths:\n  /a:\n    get: 12\n";
    expect(toMarkers([{ message: "must be object", line: 4, column: 10 }], lines(text))).toEqual([
      { message: "must be object", startLineNumber: 4, startColumn: 10, endLineNumber: 4, endColumn: 12 },
    ]);
  });

  it("clamps a line beyond the text (the text changed since the check) to the last line", () => {
    const [marker] = toMarkers([{ message: "stale", line: 99, column: 1 }], lines("a: 1\nb: 2"));
    expect(marker.startLineNumber).toBe(2);
  });
});
