import type { Route, Snapshot } from "@/lib/contracts";
import type { CorsPolicy } from "../cors";
import type { RouteMetrics } from "../metrics";
import type { RequestStep } from "../plugins/types";
import type { RequestContext } from "../request-context";
import type { Router } from "./router";

/** An integration compiled for one route: it answers the request, one way or another. */
export interface CompiledIntegration {
  readonly type: "http_proxy" | "http" | "mock";
  /** The upstream origin it sends to; null when it answers by itself. */
  readonly origin: string | null;
  invoke(ctx: RequestContext): void;
}

/** One route with everything a request needs resolved ahead of time. */
export interface CompiledRoute {
  readonly id: string;
  /** The route as the snapshot defines it. */
  readonly definition: Route;
  readonly method: Route["method"];
  readonly path: string;
  /** The plugin chain in order, or null when the route needs none. */
  readonly steps: readonly RequestStep[] | null;
  readonly integration: CompiledIntegration;
  /** `{proxy+}` must match at least one character, as in API Gateway. */
  readonly greedyParam: string | null;
  readonly metrics: RouteMetrics;
}

/** The router of one deployment (the stage's main one or its canary). */
export interface CompiledDeployment {
  readonly deploymentId: string;
  readonly isCanary: boolean;
  readonly router: Router<CompiledRoute>;
  readonly routes: readonly CompiledRoute[];
  /** Upstream origins this deployment sends to (to close pools nobody uses any more). */
  readonly origins: ReadonlySet<string>;
  /** What the routes were compiled against (stage, variables, throttle): routes are reused only under the same one. */
  readonly contextKey: string;
  /** Each route by id, so the next snapshot can take over the ones whose definition is unchanged. */
  readonly routesById: ReadonlyMap<string, CompiledRoute>;
}

export interface CompiledStage {
  readonly apiId: string;
  readonly stage: string;
  readonly hash: string;
  readonly snapshot: Snapshot;
  readonly primary: CompiledDeployment;
  readonly canary: CompiledDeployment | null;
  readonly canaryPercent: number;
  readonly cors: CorsPolicy | null;
  /** Metrics for requests that matched no route of this stage. */
  readonly unmatchedMetrics: RouteMetrics;
}
