import { describe, expect, it } from "vitest";
import { sortMethods } from "./method-order";

describe("sortMethods", () => {
  it("lists methods in one fixed order whatever order the server sent them in", () => {
    expect(sortMethods(["DELETE", "GET", "ANY", "POST"])).toEqual(["ANY", "GET", "POST", "DELETE"]);
    expect(sortMethods(["POST", "DELETE", "GET", "ANY"])).toEqual(["ANY", "GET", "POST", "DELETE"]);
  });

  it("puts methods it does not know after the known ones, and leaves its input untouched", () => {
    const input = ["TRACE", "OPTIONS", "CONNECT", "HEAD"];
    expect(sortMethods(input)).toEqual(["HEAD", "OPTIONS", "CONNECT", "TRACE"]);
    expect(input).toEqual(["TRACE", "OPTIONS", "CONNECT", "HEAD"]);
  });
});
