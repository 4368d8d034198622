import { METHODS, type IncomingMessage, type ServerResponse } from "node:http";
import FindMyWay, { type HTTPMethod, type HTTPVersion } from "find-my-way";
import { identifierSchema } from "@/lib/contracts";
import type { CounterStore, StoreHealth } from "@/gateway/stores";
import type { EventLoopWatch } from "../event-loop";
import type { LiveState } from "../live-state";
import type { Logger } from "../logger";
import type { GatewayMetrics } from "../metrics";
import { authorizerTestSchema, testAuthorizer } from "../auth/test-authorizer";
import { LambdaInvoker } from "../lambda/invoke";
import type { ConfigService } from "./config-service";
import { readJson, sendAdminError, sendJson, sendOutcome } from "./reply";
import type { TestInvokeOutcome } from "./test-invoke";
import { readAggregates, readRequests, type ObservabilitySource } from "./observability";
import { readUsage } from "./usage";

export interface AdminServerDeps {
  token: string;
  service: ConfigService;
  state: LiveState;
  store: CounterStore;
  metrics: GatewayMetrics;
  logger: Logger;
  /** Readiness: stored config loaded, proxy listening, not draining. */
  isReady: () => boolean;
  /** How long the event loop was held; absent where the proxy runs in other processes. */
  eventLoop?: EventLoopWatch;
  /** Counter store failures and the requests let through because of them, shown by readiness. */
  storeHealth?: () => StoreHealth;
  /** The Prometheus text to serve; defaults to this process's registry (a cluster's primary sums its workers'). */
  metricsText?: () => Promise<string>;
  /** Invokes Lambda authorizers under test; made on first use when not given. */
  lambda?: LambdaInvoker;
  /** The node's aggregates and recorded requests (a cluster's primary reads its workers'). */
  observability: ObservabilitySource;
  /** Test invocations; absent where the proxy runs in other processes (GATEWAY_WORKERS above 1). */
  testInvoke?: (input: unknown) => Promise<TestInvokeOutcome>;
}

export interface AdminRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Path parameters, decoded. */
  params: Record<string, string>;
}

export interface AdminRoute {
  /** Health probes answer without the admin token. */
  readonly isPublic: boolean;
  readonly handle: (request: AdminRequest) => void | Promise<void>;
}

export interface AdminRouter {
  find(method: string, path: string): { route: AdminRoute; params: Record<string, string> } | null;
}

/** Far above any id the admin API takes: a too-long id is answered 400 by the handler, not 404 by the router. */
const MAX_PARAM_LENGTH = 16 * 1024;

function noop(): void {}

/**
 * The admin API's route table, built once per server:
 *
 * - `PUT|GET|DELETE /v1/apis/{apiId}/stages/{stage}`: a stage's snapshot
 * - `PUT /v1/consumers`, `GET /v1/consumers`: API keys and usage plans (hash only on GET)
 * - `GET /v1/state`: every served hash, for convergence checks
 * - `GET /v1/usage?keys=id1,id2[&from=YYYY-MM-DD&to=YYYY-MM-DD]`: quota usage per key in the
 *   current period, and requests per UTC day per key (default: today; at most 90 days)
 * - `GET /v1/aggregates?since=`: per-minute request aggregates (lib/contracts/observability)
 * - `GET /v1/requests?...`: recently recorded requests, for the console's request explorer
 * - `POST /v1/authorizer-tests`: runs an authorizer once against a described request (no cache)
 * - `POST /v1/test-invoke`: one request through a route that is not deployed, with what its integration sent and received
 * - `POST /v1/event-loop/window`: the longest event-loop block since the previous call (measured from the first call on)
 * - `GET /metrics`: Prometheus metrics
 * - `GET /healthz`, `GET /readyz`: liveness and readiness (no token, for probes)
 */
export function createAdminRouter(deps: AdminServerDeps): AdminRouter {
  const router = FindMyWay<HTTPVersion.V1>({ maxParamLength: MAX_PARAM_LENGTH });

  const add = (methods: string[], path: string, handle: AdminRoute["handle"], isPublic = false) => {
    const route: AdminRoute = { isPublic, handle };
    router.on(methods as HTTPMethod[], path, noop, route);
  };
  /**
   * A path with several methods: every other method Node accepts is answered
   * 405 naming the ones it takes. `guard` runs first whatever the method.
   */
  const resource = (
    path: string,
    handlers: Partial<Record<string, AdminRoute["handle"]>>,
    notAllowed: string,
    guard: (handle: AdminRoute["handle"]) => AdminRoute["handle"] = (handle) => handle,
  ) => {
    for (const [method, handle] of Object.entries(handlers)) if (handle) add([method], path, guard(handle));
    const others = METHODS.filter((method) => !(method in handlers));
    add(
      others,
      path,
      guard(({ res }) => sendAdminError(res, 405, "method_not_allowed", notAllowed)),
    );
  };

  add(["GET"], "/healthz", ({ res }) => sendJson(res, 200, { status: "ok" }), true);
  add(
    ["GET"],
    "/readyz",
    ({ res }) => {
      const ready = deps.isReady();
      // A store that fails does not make the node unready (it keeps serving, open or closed as configured),
      // but a probe or an operator can see that limits went unenforced.
      const store = deps.storeHealth !== undefined ? { kind: deps.store.kind, ...deps.storeHealth() } : { kind: deps.store.kind };
      sendJson(res, ready ? 200 : 503, { status: ready ? "ready" : "not_ready", stages: deps.state.stageCount, store });
    },
    true,
  );

  add(["POST"], "/v1/event-loop/window", ({ res }) => {
    if (deps.eventLoop === undefined) {
      sendAdminError(
        res,
        501,
        "not_available",
        "This process does not serve the proxy (cluster primary): its event loop says nothing about requests.",
      );
      return;
    }
    sendJson(res, 200, deps.eventLoop.window());
  });

  add(["GET"], "/metrics", async ({ res }) => {
    const text = deps.metricsText !== undefined ? await deps.metricsText() : await deps.metrics.registry.metrics();
    res.writeHead(200, { "content-type": deps.metrics.registry.contentType });
    res.end(text);
  });
  add(["GET"], "/v1/state", ({ res }) => sendJson(res, 200, deps.service.describe()));
  add(["GET"], "/v1/usage", ({ url, res }) => readUsage(deps, url, res));
  add(["GET"], "/v1/aggregates", ({ url, res }) => readAggregates(deps.observability, url, res));
  add(["GET"], "/v1/requests", ({ url, res }) => readRequests(deps.observability, url, res));
  add(["POST"], "/v1/authorizer-tests", async ({ req, res }) => {
    const body = await readJson(req, res);
    if (!body.ok) return;
    const parsed = authorizerTestSchema.safeParse(body.value);
    if (!parsed.success) {
      sendAdminError(
        res,
        400,
        "invalid_document",
        "The test is not valid.",
        parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
      );
      return;
    }
    sendJson(res, 200, await testAuthorizer(parsed.data, deps.lambda ?? (deps.lambda = new LambdaInvoker())));
  });
  add(["POST"], "/v1/test-invoke", async ({ req, res }) => {
    if (deps.testInvoke === undefined) {
      sendAdminError(res, 501, "not_supported", "Test invocations run on nodes that serve in one process (GATEWAY_WORKERS=1).");
      return;
    }
    const body = await readJson(req, res);
    if (!body.ok) return;
    const outcome = await deps.testInvoke(body.value);
    if (outcome.ok) sendJson(res, 200, outcome.result);
    else sendAdminError(res, outcome.status, outcome.code, outcome.message, outcome.details);
  });

  resource(
    "/v1/consumers",
    {
      PUT: async ({ req, res }) => {
        const body = await readJson(req, res);
        if (body.ok) sendOutcome(res, await deps.service.putConsumers(body.value));
      },
      GET: ({ res }) => {
        const current = deps.state.consumers.current;
        if (current === null) sendAdminError(res, 404, "not_found", "No consumers document has been pushed yet.");
        else sendJson(res, 200, { hash: current.hash, apiKeys: current.doc.apiKeys.length, usagePlans: current.doc.usagePlans.length });
      },
    },
    "Use GET or PUT on /v1/consumers.",
  );

  // Ids are checked before the method, so a bad id is named whatever the method.
  const validIds =
    (handle: AdminRoute["handle"]): AdminRoute["handle"] =>
    (request) => {
      const { apiId = "", stage = "" } = request.params;
      if (!identifierSchema.safeParse(apiId).success || !identifierSchema.safeParse(stage).success) {
        sendAdminError(request.res, 400, "invalid_path", "API ids and stage names use 1 to 128 letters, digits, '-' or '_'.");
        return;
      }
      return handle(request);
    };
  resource(
    "/v1/apis/:apiId/stages/:stage",
    {
      PUT: async ({ req, res, params }) => {
        const body = await readJson(req, res);
        if (body.ok) sendOutcome(res, await deps.service.putStage(params.apiId, params.stage, body.value));
      },
      GET: ({ res, params: { apiId, stage } }) => {
        const live = deps.state.getStage(apiId, stage);
        if (live === undefined) sendAdminError(res, 404, "not_found", `No snapshot is served for ${apiId}/${stage}.`);
        else sendJson(res, 200, live.snapshot);
      },
      DELETE: async ({ res, params }) => sendOutcome(res, await deps.service.deleteStage(params.apiId, params.stage)),
    },
    "Use GET, PUT or DELETE on a stage.",
    validIds,
  );

  return {
    find(method, path) {
      const found = router.find(method as HTTPMethod, path);
      if (found === null) return null;
      const params: Record<string, string> = {};
      for (const [name, value] of Object.entries(found.params)) {
        // find-my-way matches an empty segment as a parameter; no admin endpoint takes an empty one.
        if (value === undefined || value === "") return null;
        params[name] = value;
      }
      return { route: found.store as AdminRoute, params };
    },
  };
}
