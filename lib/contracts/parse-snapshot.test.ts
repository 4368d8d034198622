import { describe, expect, it } from "vitest";
import { benchSnapshot } from "@/bench/lib/gateway-fixture";
import { parseSnapshot } from "./parse-snapshot";
import { snapshotSchema, type SnapshotInput } from "./snapshot";

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function base(): SnapshotInput {
  return clone({
    ...benchSnapshot({ routes: 40, upstreamOrigin: "http://127.0.0.1:1", deploymentId: "d1" }),
    createdAt: "2026-01-02T03:04:05.000Z",
    stageVariables: { backend: "http://127.0.0.1:2" },
    throttle: { rateLimit: 10, burstLimit: 20 },
    canary: {
      percent: 10,
      deploymentId: "d0",
      routes: [{ id: "c1", method: "GET", path: "/c/{id}", integration: { type: "mock", mock: { body: "canary" } } }],
    },
  });
}

/** Documents that fail somewhere: in the envelope, in one route, across routes, in the canary. */
const INVALID: [string, (doc: SnapshotInput) => void][] = [
  ["wrong version", (doc) => void ((doc as { version: number }).version = 2)],
  ["bad stage variable name", (doc) => void (doc.stageVariables = { "a-b": "x" })],
  ["bad route path", (doc) => void ((doc.routes[3] as { path: string }).path = "/a/{proxy+}/b")],
  ["route not an object", (doc) => void ((doc.routes as unknown[])[5] = "GET /x")],
  ["duplicate route id", (doc) => void ((doc.routes[7] as { id: string }).id = "r1")],
  [
    "routes a router cannot tell apart",
    (doc) => void doc.routes.push({ ...clone(doc.routes[1]), id: "again", path: "/svc0/items/{other}" }),
  ],
  ["bad canary route", (doc) => void ((doc.canary!.routes[0] as { method: string }).method = "FETCH")],
  ["body validation without a model", (doc) => void (doc.routes[2] = { ...doc.routes[2], requestValidator: { body: true } })],
];

describe("parsing a snapshot route by route", () => {
  it("gives exactly what the schema gives, with or without the previous version", () => {
    const first = parseSnapshot(base());
    expect(first.success).toBe(true);
    if (!first.success) return;
    expect(first.data).toStrictEqual(snapshotSchema.parse(base()));
    expect(first.reusedRoutes).toBe(0);
    const again = parseSnapshot(base(), first.memo);
    expect(again.success && again.data).toStrictEqual(snapshotSchema.parse(base()));
    expect(again.success && again.reusedRoutes).toBe(41);
  });

  it("takes over unchanged routes as they are and validates changed, added and renamed ones", () => {
    const first = parseSnapshot(base());
    if (!first.success) throw first.error;
    const next = base();
    (next.routes[0] as { authorization: string }).authorization = "NONE"; // changed
    next.routes.splice(10, 1); // removed
    next.routes.push({ id: "new", method: "PUT", path: "/new/{id}", integration: { type: "mock", mock: {} } }); // added
    (next.routes[20] as { id: string }).id = "renamed"; // same content, other id
    const result = parseSnapshot(next, first.memo);
    if (!result.success) throw result.error;
    expect(result.data).toStrictEqual(snapshotSchema.parse(next));
    expect(result.reusedRoutes).toBe(41 - 1 - 1 - 1);
    expect(result.data.routes[1]).toBe(first.data.routes[1]);
    expect(result.data.routes[0]).not.toBe(first.data.routes[0]);
    expect(result.data.routes.find((route) => route.id === "renamed")?.id).toBe("renamed");
  });

  it.each(INVALID)("reports %s with the schema's own issues, whatever it reused", (_name, breakIt) => {
    const first = parseSnapshot(base());
    if (!first.success) throw first.error;
    const doc = base();
    breakIt(doc);
    const expected = snapshotSchema.safeParse(doc);
    expect(expected.success).toBe(false);
    for (const previous of [null, first.memo]) {
      const result = parseSnapshot(doc, previous);
      expect(result.success).toBe(false);
      if (!result.success) expect(result.error.issues).toEqual(expected.error?.issues);
    }
  });

  it("validates a route again when its input changed under a known id, even to something invalid", () => {
    const first = parseSnapshot(base());
    if (!first.success) throw first.error;
    const doc = base();
    (doc.routes[4] as { integration: unknown }).integration = { type: "http_proxy", uri: "ftp://example.com" };
    const result = parseSnapshot(doc, first.memo);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]?.path).toEqual(["routes", 4, "integration", "uri"]);
  });

  it("does not reuse a route across the primary and canary tables", () => {
    const first = parseSnapshot(base());
    if (!first.success) throw first.error;
    const doc = base();
    doc.canary!.routes = [clone(doc.routes[0])];
    const result = parseSnapshot(doc, first.memo);
    if (!result.success) throw result.error;
    expect(result.data).toStrictEqual(snapshotSchema.parse(doc));
    expect(result.reusedRoutes).toBe(40);
  });
});
