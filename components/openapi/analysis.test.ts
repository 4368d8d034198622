import { describe, expect, it } from "vitest";
import { analyzeDocument, placeProblems } from "./analysis";

const document = (parameter: string) => `openapi: 3.0.3
info:
  title: Orders
  version: "1.0"
paths:
  /orders/{orderId}:
    get:
      parameters:
        - name: ${parameter}
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: One order
`;

describe("analyzeDocument", () => {
  it("previews the resources and report of a valid document, as the import would", () => {
    const { analysis } = analyzeDocument(document("orderId"));
    expect(analysis.problems).toEqual([]);
    expect(analysis.format).toBe("yaml");
    expect(analysis.preview?.title).toBe("Orders");
    expect(analysis.preview?.resources).toEqual([{ path: "/orders/{orderId}", methods: ["GET"] }]);
    expect(analysis.preview?.report.length).toBeGreaterThan(0);
  });

  it("marks a warning at the line of the operation it names, and still previews the import", () => {
    const { analysis } = analyzeDocument(document("orderID"));
    expect(analysis.problems).toEqual([]);
    expect(analysis.preview?.resources).toEqual([{ path: "/orders/{orderId}", methods: ["GET"] }]);
    const warning = analysis.notices.find((notice) => notice.outcome === "skipped");
    expect(warning).toMatchObject({ line: 7, column: 5, pointer: "/paths/~1orders~1{orderId}/get" });
    expect(warning?.message).toMatch(/orderID/);
  });

  it("marks what the import ignores at the line where it is written, so nothing is dropped unseen", () => {
    const withServers = document("orderId").replace("paths:\n", "servers:\n  - url: https://api.example.com\npaths:\n");
    const { analysis } = analyzeDocument(withServers);
    expect(analysis.problems).toEqual([]);
    expect(analysis.notices).toContainEqual(expect.objectContaining({ pointer: "/servers", outcome: "ignored", line: 5 }));
  });

  it("places a syntax error where the parser stopped", () => {
    const { analysis, source } = analyzeDocument('{\n  "openapi": "3.0.3",\n  "info": }\n');
    expect(source).toBeNull();
    expect(analysis.format).toBe("json");
    expect(analysis.problems[0]).toMatchObject({ line: 3 });
  });
});

describe("placeProblems", () => {
  it("puts a problem without a position at the top, so it can still be marked and clicked", () => {
    expect(placeProblems([{ message: "no version" }], null)).toEqual([{ message: "no version", line: 1, column: 1 }]);
  });

  it("keeps the position the problem already has", () => {
    const locate = () => ({ line: 9, column: 9 });
    expect(placeProblems([{ message: "m", line: 2, column: 3, pointer: "/a" }], { locate })).toEqual([
      { message: "m", line: 2, column: 3, pointer: "/a" },
    ]);
  });
});
