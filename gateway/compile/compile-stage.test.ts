import { describe, expect, it } from "vitest";
import { snapshotSchema, type SnapshotInput } from "@/lib/contracts";
import { memoryCompileEnv } from "@/test/support/gateway/compile-env";
import { CompileError } from "./compile-error";
import { compileStage, greedyParamOf, type CompileEnv } from "./compile-stage";

function env(): CompileEnv {
  return memoryCompileEnv({ maxBodyBytes: 1024 });
}

function snapshot(routes: SnapshotInput["routes"], extra: Partial<SnapshotInput> = {}) {
  return snapshotSchema.parse({
    version: 1,
    apiId: "a",
    stage: "s",
    deploymentId: "d",
    createdAt: "2025-01-01T00:00:00Z",
    api: { name: "A" },
    routes,
    ...extra,
  });
}

const mock = { type: "mock", mock: {} } as const;

describe("compiling a snapshot", () => {
  it("names the greedy parameter of a path that ends with one", () => {
    expect(greedyParamOf("/pets/{petId}/toys/{toyId}")).toBeNull();
    expect(greedyParamOf("/files/{proxy+}")).toBe("proxy");
  });

  it("prefers literal segments to parameters, and explicit methods to ANY", () => {
    const stage = compileStage(
      snapshot([
        { id: "byId", method: "GET", path: "/pets/{id}", integration: mock },
        { id: "mine", method: "GET", path: "/pets/mine", integration: mock },
        { id: "any", method: "ANY", path: "/pets/{id}", integration: mock },
      ]),
      "h",
      env(),
    );
    const find = (method: string, path: string) => stage.primary.router.find(method, path)?.store.id;
    expect(find("GET", "/pets/mine")).toBe("mine");
    expect(find("GET", "/pets/7")).toBe("byId");
    expect(find("DELETE", "/pets/7")).toBe("any");
  });

  it("resolves an empty plugin chain to null and a keyed route's chain to its steps", () => {
    const stage = compileStage(
      snapshot([
        { id: "open", method: "GET", path: "/open", integration: mock },
        { id: "keyed", method: "GET", path: "/keyed", authorization: "API_KEY", integration: mock },
      ]),
      "h",
      env(),
    );
    expect(stage.primary.routes.find((route) => route.id === "open")?.steps).toBeNull();
    expect(stage.primary.routes.find((route) => route.id === "keyed")?.steps?.length).toBe(3);
  });

  it("compiles the canary deployment with its stage variable overrides", () => {
    const stage = compileStage(
      snapshot([{ id: "r", method: "GET", path: "/r", integration: { type: "http_proxy", uri: "http://${stageVariables.host}/r" } }], {
        stageVariables: { host: "main.internal" },
        canary: {
          percent: 10,
          deploymentId: "c",
          routes: [{ id: "r", method: "GET", path: "/r", integration: { type: "http_proxy", uri: "http://${stageVariables.host}/r" } }],
          stageVariableOverrides: { host: "canary.internal" },
        },
      }),
      "h",
      env(),
    );
    expect([...stage.primary.origins]).toEqual(["http://main.internal"]);
    expect([...(stage.canary?.origins ?? [])]).toEqual(["http://canary.internal"]);
    expect(stage.canaryPercent).toBe(10);
  });

  it("reports a JSON Schema that cannot compile as a field error", () => {
    const broken = snapshot([
      {
        id: "r",
        method: "POST",
        path: "/r",
        requestValidator: { body: true, params: false },
        requestModel: { type: "nonsense" },
        integration: mock,
      },
    ]);
    try {
      compileStage(broken, "h", env());
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CompileError);
      expect((error as CompileError).issues[0]?.path).toBe("routes[0]");
    }
  });
});

describe("compiling the next snapshot of a stage", () => {
  const routes = [
    { id: "same", method: "GET" as const, path: "/same", integration: mock },
    { id: "changed", method: "GET" as const, path: "/changed", integration: mock },
  ];

  it("takes over the live routes whose definition did not change and compiles the others afresh", () => {
    const shared = env();
    const live = compileStage(snapshot(routes), "h1", shared);
    const next = compileStage(snapshot([routes[0], { ...routes[1], path: "/renamed" }], { deploymentId: "d2" }), "h2", shared, live);
    expect(next.primary.routes[0]).toBe(live.primary.routes[0]);
    expect(next.primary.routes[1]).not.toBe(live.primary.routes[1]);
    expect(next.primary.router.find("GET", "/renamed")?.store.id).toBe("changed");
    expect(next.primary.router.find("GET", "/changed")).toBeNull();
  });

  it("compiles every route afresh when the stage variables or the stage throttle changed", () => {
    const shared = env();
    const live = compileStage(snapshot(routes, { stageVariables: { v: "1" } }), "h1", shared);
    const variables = compileStage(snapshot(routes, { stageVariables: { v: "2" } }), "h2", shared, live);
    const throttle = compileStage(
      snapshot(routes, { stageVariables: { v: "1" }, throttle: { rateLimit: 1, burstLimit: 1 } }),
      "h3",
      shared,
      live,
    );
    for (const next of [variables, throttle]) {
      expect(next.primary.routes.some((route, i) => route === live.primary.routes[i])).toBe(false);
    }
  });

  it("gives routes with the same plugin config one shared step instead of one each", () => {
    const keyed = ["/a", "/b"].map((path, i) => ({
      id: `k${i}`,
      method: "GET" as const,
      path,
      authorization: "API_KEY" as const,
      integration: mock,
    }));
    const stage = compileStage(snapshot(keyed), "h", env());
    const [first, second] = stage.primary.routes;
    expect(first?.steps?.[0]).toBe(second?.steps?.[0]);
  });
});

describe("request models", () => {
  it("compiles a model shared by several routes, even with an $id, once per snapshot instance", () => {
    const model = {
      $id: "https://example.com/pet.json",
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      required: ["name"],
    };
    const routes = ["/a", "/b"].map((path, i) => ({
      id: `r${i}`,
      method: "POST" as const,
      path,
      requestValidator: { body: true, params: false },
      requestModel: model,
      integration: mock,
    }));
    const stage = compileStage(snapshot(routes), "h", env());
    expect(stage.primary.routes.every((route) => route.steps?.length === 1)).toBe(true);
  });
});
