import { describe, expect, it } from "vitest";

import { escapeLike } from "./escape-like";

describe("escapeLike", () => {
  it("escapes the LIKE wildcards and the escape character itself", () => {
    expect(escapeLike("/a_b/100%\\")).toBe("/a\\_b/100\\%\\\\");
    expect(escapeLike("/pets/{petId}")).toBe("/pets/{petId}");
  });
});
