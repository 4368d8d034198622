import { describe, expect, it } from "vitest";

import { filterFromSearch, fromLocalInput, searchFromFilter, toLocalInput } from "./request-filter";

describe("request explorer filters", () => {
  it("round-trips through the query string, leaving blanks and unknown parameters out", () => {
    const filter = filterFromSearch(new URLSearchParams("status=5xx&route=&method=GET&junk=1&requestId=%20abc%20"));
    expect(filter).toEqual({ status: "5xx", method: "GET", requestId: "abc" });
    expect(searchFromFilter(filter)).toBe("status=5xx&method=GET&requestId=abc");
  });

  it("shows a time in the local datetime field and reads the same instant back", () => {
    const iso = "2026-12-07T10:15:00.000Z";
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(toLocalInput("not a time")).toBe("");
    expect(fromLocalInput("")).toBeUndefined();
  });
});
