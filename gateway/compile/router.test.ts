import FindMyWay, { type HTTPMethod } from "find-my-way";
import { describe, expect, it } from "vitest";
import { MAX_PARAM_LENGTH, Router } from "./router";

/** Raw find-my-way with the gateway's options: the adapter must add nothing but the syntax translation. */
function reference() {
  return FindMyWay({ ignoreTrailingSlash: true, caseSensitive: true, maxParamLength: MAX_PARAM_LENGTH, querystringParser: () => ({}) });
}

function toFindMyWayPath(path: string): string {
  return path
    .replace(/:/g, "::")
    .replace(/\{([A-Za-z0-9_]+)(\+?)\}/g, (_m, name: string, plus: string) => (plus === "+" ? "*" : `:${name}`));
}

const TABLE: [string[], string][] = [
  [["GET"], "/"],
  [["GET", "POST"], "/pets"],
  [["GET"], "/pets/{petId}"],
  [["GET"], "/pets/mine"],
  [["DELETE"], "/pets/{petId}"],
  [["GET"], "/pets/{petId}/toys/{toyId}"],
  [["GET"], "/pets/mine/toys"],
  [["GET"], "/a/{x}/c"],
  [["GET"], "/a/b/d"],
  [["GET", "HEAD"], "/files/{proxy+}"],
  [["PUT"], "/files/special"],
  [["GET"], "/v1.2/report~x/{id}"],
  [["POST"], "/{proxy+}"],
  [["GET"], "/{tenant}/toys"],
  [["GET"], "/{tenant}/files/{proxy+}"],
  // Segments mixing literal text and parameters, and literal characters find-my-way gives a meaning to.
  [["GET"], "/calls/{sid}.json"],
  [["GET"], "/calls/{sid}"],
  [["GET"], "/calls/{sid}/events.json"],
  [["GET"], "/v{version}/status"],
  [["GET"], "/users/@{name}"],
  [["GET"], "/users/@me"],
  [["GET"], "/archives/{name}.{ext}"],
  [["GET"], "/near/{lat}-{lng}"],
  [["GET"], "/ns/a:b"],
  [["GET"], "/ns/a:b/{id}.xml"],
  [["GET"], "/list/a,b;c=d!$&'"],
];

const PATHS = [
  "/",
  "/pets",
  "/pets/",
  "/pets/7",
  "/pets/7/",
  "/pets/mine",
  "/pets/mine/",
  "/Pets",
  "/pets/7/toys/9",
  "/pets/mine/toys",
  "/pets/mine/toys/3",
  "/pets//toys/3",
  "/pets/%6Dine",
  "/pets/a%2Fb",
  "/pets/a%2Fb%3Fc",
  "/pets/%zz",
  "/pets/caf%C3%A9",
  "/a/b/c",
  "/a/b/d",
  "/a/z/c",
  "/a/b",
  "/files",
  "/files/",
  "/files/x",
  "/files/x/y/z",
  "/files/a%2Fb/c",
  "/files/special",
  "/files/special/more",
  "/v1.2/report~x/42",
  "/nothing",
  "/nothing/at/all",
  "//",
  "/pets#frag",
  "/pets/7#x/y",
  "/acme/toys",
  "/pets/toys",
  "/files/toys",
  "/a/toys",
  "/pets/files/x",
  "/files/files/x/y",
  "/%70ets/toys",
  "/%70ets/7",
  "/pe%74s",
  "/pets%2F7",
  "/pets%2f7/toys/1",
  "/%zz/x",
  "/p#x",
  "/pets#",
  "/#",
  "/pets/mine#x",
  "/a%2Fb/c",
  "/files%20x/y",
  "/v1.2/report~x",
  "/v1.2",
  "/%76%31%2e%32/report~x/1",
  "/PETS",
  "/pet",
  "/petss",
  "/fil",
  "/files/special%2Fmore",
  "/calls/CA1.json",
  "/calls/CA1",
  "/calls/CA1.xml",
  "/calls/.json",
  "/calls/CA1/events.json",
  "/calls/CA1/events",
  "/v2/status",
  "/v/status",
  "/users/@bob",
  "/users/@me",
  "/users/%40bob",
  "/users/bob",
  "/archives/backup.tar.gz",
  "/archives/backup",
  "/near/52.1-13.4",
  "/ns/a:b",
  "/ns/a%3Ab",
  "/ns/a:b/7.xml",
  "/ns/a::b",
  "/list/a,b;c=d!$&'",
  "/list/a,b",
  `/pets/${"x".repeat(MAX_PARAM_LENGTH)}`,
  `/pets/${"x".repeat(MAX_PARAM_LENGTH + 1)}`,
];

const METHODS = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"];

describe("the route table", () => {
  it("matches every path and method exactly as raw find-my-way does, with the greedy value under its own name", () => {
    const theirs = reference();
    for (const [methods, path] of TABLE)
      theirs.on(methods as HTTPMethod[], toFindMyWayPath(path), () => {}, `${methods.join(",")} ${path}`);
    const ours = Router.build(TABLE.map(([methods, path]) => ({ methods, path, store: `${methods.join(",")} ${path}` })));
    for (const method of METHODS) {
      for (const path of PATHS) {
        const expected = theirs.find(method as HTTPMethod, path);
        const actual = ours.find(method, path);
        const where = `${method} ${path.slice(0, 60)}`;
        expect(actual?.store ?? null, where).toBe((expected?.store as string | undefined) ?? null);
        if (expected === null || actual === null) continue;
        const params: Record<string, string> = { ...(expected.params as Record<string, string>) };
        const greedy = /\{([A-Za-z0-9_]+)\+\}/.exec(String(expected.store));
        if (greedy !== null && greedy[1] !== undefined) {
          params[greedy[1]] = params["*"] ?? "";
          delete params["*"];
        }
        expect(actual.params, where).toEqual(params);
      }
    }
  });

  it("matches as raw find-my-way does in a large table under a common prefix, where lookups go several segments deep", () => {
    const table: [string[], string][] = [];
    for (let i = 0; i < 150; i++) {
      table.push([["GET", "PUT"], `/api/v1/res${i}/{id}`], [["GET"], `/api/v1/res${i}`], [["POST"], `/api/v1/res${i}/{id}/actions/run`]);
    }
    table.push(
      [["GET"], "/api/v1"],
      [["GET"], "/api/v1/{anything}/{id}"],
      [["GET"], "/api/{version}/res1/{id}"],
      [["DELETE"], "/api/v1/{proxy+}"],
      [["GET"], "/api/{proxy+}"],
      [["GET"], "/{tenant}/v1/res2"],
      [["PATCH"], "/"],
    );
    const theirs = reference();
    for (const [methods, path] of table)
      theirs.on(methods as HTTPMethod[], toFindMyWayPath(path), () => {}, `${methods.join(",")} ${path}`);
    const ours = Router.build(table.map(([methods, path]) => ({ methods, path, store: `${methods.join(",")} ${path}` })));
    const paths = [
      "/",
      "/api",
      "/api/",
      "/api/v1",
      "/api/v1/",
      "/api/v1/res7",
      "/api/v1/res7/",
      "/api/v1/res7/9",
      "/api/v1/res7/9/actions/run",
      "/api/v1/res7/9/actions/walk",
      "/api/v1/res777/9",
      "/api/v1/nothing/9",
      "/api/v2/res1/9",
      "/api/v2/res2/9",
      "/api/v1/res1/9/x",
      "/acme/v1/res2",
      "/api/v1/res2",
      "/%61pi/v1/res3/4",
      "/api/v%31/res3/4",
      "/api/v1/res%33/4",
      "/api/v1/res3%2F4",
      "/api/v1/%zz/1",
      "/api/v1/res3/4#x",
      "/api#/v1/res3",
      "/api/v1/res149/1",
      "/api/v1/res150/1",
      "//api/v1/res1",
      "/api//v1/res1/2",
    ];
    for (const method of METHODS) {
      for (const path of paths) {
        const expected = theirs.find(method as HTTPMethod, path);
        expect(ours.find(method, path)?.store ?? null, `${method} ${path}`).toBe((expected?.store as string | undefined) ?? null);
      }
    }
    expect(ours.stats.builtTrees).toBeGreaterThan(6);
  });

  it("matches as raw find-my-way does on random tables and paths, large enough to be split several levels deep", () => {
    let state = 0x9e3779b9;
    const next = (n: number) => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) % n;
    };
    const LITERALS = ["a", "b", "ab", "v1", "x.y", "items", "i"];
    let largestGroup = 0;
    for (let round = 0; round < 12; round++) {
      const seen = new Set<string>();
      const table: [string[], string][] = [];
      const size = 20 + next(600);
      while (table.length < size) {
        const depth = next(5);
        const segments: string[] = [];
        for (let d = 0; d < depth; d++) {
          // Most first segments are one of two, as in an API under /v1: big groups to split.
          if (d === 0 && next(5) > 0) segments.push(next(2) === 0 ? "a" : "v1");
          else segments.push(next(4) === 0 ? `{p${d}}` : LITERALS[next(LITERALS.length)] + (next(3) === 0 ? String(next(40)) : ""));
        }
        if (next(6) === 0) segments.push("{rest+}");
        const path = `/${segments.join("/")}`;
        const method = METHODS[next(3)];
        const shape = `${method} ${path.replace(/\{[a-z0-9]+\}/g, "{}").replace(/\{[a-z0-9]+\+\}/g, "{+}")}`;
        if (seen.has(shape)) continue;
        seen.add(shape);
        table.push([[method], path]);
      }
      // Routes per method and first literal segment: above 64 they are split again by the next segment.
      const groups = new Map<string, number>();
      for (const [[method], path] of table) {
        const key = `${method} ${path.split("/")[1]}`;
        groups.set(key, (groups.get(key) ?? 0) + 1);
      }
      largestGroup = Math.max(largestGroup, ...groups.values());
      const theirs = reference();
      for (const [methods, path] of table)
        theirs.on(methods as HTTPMethod[], toFindMyWayPath(path), () => {}, `${methods.join(",")} ${path}`);
      const ours = Router.build(table.map(([methods, path]) => ({ methods, path, store: `${methods.join(",")} ${path}` })));
      for (let probe = 0; probe < 400; probe++) {
        const depth = next(6);
        const segments: string[] = [];
        for (let d = 0; d < depth; d++) {
          const pick = next(10);
          segments.push(
            pick < 6
              ? LITERALS[next(LITERALS.length)] + (next(3) === 0 ? String(next(40)) : "")
              : pick < 8
                ? String(next(1000))
                : pick < 9
                  ? "%61b"
                  : "",
          );
        }
        const path = `/${segments.join("/")}${next(8) === 0 ? "/" : ""}`;
        const method = METHODS[next(3)];
        const expected = theirs.find(method as HTTPMethod, path);
        expect(ours.find(method, path)?.store ?? null, `round ${round}: ${method} ${path}`).toBe(
          (expected?.store as string | undefined) ?? null,
        );
      }
    }
    expect(largestGroup).toBeGreaterThan(64);
  });

  it("prefers a literal segment, then a parameter, then a greedy parameter, and backtracks when the first choice leads nowhere", () => {
    const router = Router.build([
      { methods: ["GET"], path: "/a/{x}/c", store: "param" },
      { methods: ["GET"], path: "/a/b/d", store: "literal" },
      { methods: ["GET"], path: "/a/{proxy+}", store: "greedy" },
    ]);
    expect(router.find("GET", "/a/b/d")?.store).toBe("literal");
    expect(router.find("GET", "/a/b/c")).toEqual({ store: "param", params: { x: "b" } });
    expect(router.find("GET", "/a/b/e/f")).toEqual({ store: "greedy", params: { proxy: "b/e/f" } });
  });
});

describe("segments with literal text around parameters", () => {
  it("routes {name}.json beside {name}, several parameters in a segment, and literal @ : , ~ characters", () => {
    const paths = [
      "/calls/{sid}.json",
      "/calls/{sid}",
      "/archives/{name}.{ext}",
      "/v{version}/status",
      "/users/@{name}",
      "/ns/a:b",
      "/x/a,b~c",
    ];
    const router = Router.build(paths.map((path) => ({ methods: ["GET"], path, store: path })));
    const match = (path: string) => {
      const found = router.find("GET", path);
      return found === null ? null : [found.store, found.params];
    };
    expect(match("/calls/CA1.json")).toEqual(["/calls/{sid}.json", { sid: "CA1" }]);
    expect(match("/calls/CA1")).toEqual(["/calls/{sid}", { sid: "CA1" }]);
    // The last '.' ends the first parameter, as find-my-way reads it.
    expect(match("/archives/backup.tar.gz")).toEqual(["/archives/{name}.{ext}", { name: "backup.tar", ext: "gz" }]);
    expect(match("/v2/status")).toEqual(["/v{version}/status", { version: "2" }]);
    expect(match("/users/@bob")).toEqual(["/users/@{name}", { name: "bob" }]);
    expect(match("/ns/a:b")).toEqual(["/ns/a:b", {}]);
    expect(match("/x/a,b~c")).toEqual(["/x/a,b~c", {}]);
    expect(match("/users/bob")).toBeNull();
  });
});

describe("rebuilding the route table for a new deployment", () => {
  it("builds again only the tree whose routes changed", () => {
    const table = (extra: string) => [
      { methods: ["GET"], path: "/pets/{petId}", store: "pet" },
      { methods: ["GET"], path: "/owners/{id}", store: "owner" },
      { methods: ["GET"], path: "/{proxy+}", store: "catch-all" },
      { methods: ["GET"], path: `/stores/${extra}`, store: extra },
    ];
    const before = Router.build(table("a"));
    const after = Router.build(table("b"), before);
    expect(after.stats.builtTrees).toBe(1);
    expect(after.find("GET", "/stores/b")?.store).toBe("b");
    expect(after.find("GET", "/stores/a")).toEqual({ store: "catch-all", params: { proxy: "stores/a" } });
    expect(after.find("GET", "/pets/1")?.store).toBe("pet");
  });

  const entries = (suffix: string) => [
    { methods: ["GET", "POST"], path: "/pets", store: `pets${suffix}` },
    { methods: ["GET"], path: "/pets/{petId}", store: `pet${suffix}` },
    { methods: ["DELETE"], path: "/pets/{petId}", store: `delete${suffix}` },
  ];

  it("takes over the trees of methods whose paths are unchanged, and answers with the new routes", () => {
    const before = Router.build(entries("-v1"));
    const after = Router.build(entries("-v2"), before);
    expect(after.stats).toEqual({ reusedTrees: 3, builtTrees: 0 });
    expect(after.find("GET", "/pets/7")).toEqual({ store: "pet-v2", params: { petId: "7" } });
    expect(after.find("DELETE", "/pets/7")?.store).toBe("delete-v2");
    // The old table is untouched: it may still be serving requests.
    expect(before.find("GET", "/pets/7")).toEqual({ store: "pet-v1", params: { petId: "7" } });
  });

  it("builds again the tree of a method whose paths changed, and drops methods no longer routed", () => {
    const before = Router.build(entries("-v1"));
    const changed = [
      { methods: ["GET", "POST"], path: "/pets", store: "pets-v2" },
      { methods: ["GET"], path: "/pets/{petId}/toys", store: "toys-v2" },
    ];
    const after = Router.build(changed, before);
    expect(after.stats).toEqual({ reusedTrees: 1, builtTrees: 1 });
    expect(after.find("GET", "/pets/7")).toBeNull();
    expect(after.find("GET", "/pets/7/toys")?.store).toBe("toys-v2");
    expect(after.find("POST", "/pets")?.store).toBe("pets-v2");
    expect(after.find("DELETE", "/pets/7")).toBeNull();
  });
});
