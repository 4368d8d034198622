import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { identifierSchema } from "@/lib/contracts";
import type { CounterStore, Period } from "@/gateway/stores";
import { computePeriod, DAY_MS, formatDay, isStoreUnavailableError, parseDay } from "@/gateway/stores";
import { BodyTooLargeError, readBody } from "../body";
import type { LiveState } from "../live-state";
import { errorFields, type Logger } from "../logger";
import type { GatewayMetrics } from "../metrics";
import { createTokenCheck } from "./auth";
import type { ConfigService, UpdateOutcome } from "./config-service";

/** Snapshots of large APIs run to megabytes; this bounds what one push may hold in memory. */
const MAX_ADMIN_BODY_BYTES = 64 * 1024 * 1024;

export interface AdminServerDeps {
  token: string;
  service: ConfigService;
  state: LiveState;
  store: CounterStore;
  metrics: GatewayMetrics;
  logger: Logger;
  /** Readiness: stored config loaded, proxy listening, not draining. */
  isReady: () => boolean;
  /** The Prometheus text to serve; defaults to this process's registry (a cluster's primary sums its workers'). */
  metricsText?: () => Promise<string>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { "content-type": "application/json", "content-length": payload.length, "cache-control": "no-store" });
  res.end(payload);
}

function sendAdminError(res: ServerResponse, status: number, code: string, message: string, details?: unknown): void {
  sendJson(res, status, { error: details === undefined ? { code, message } : { code, message, details } });
}

function sendOutcome(res: ServerResponse, outcome: UpdateOutcome): void {
  if (outcome.ok) {
    sendJson(res, 200, { status: outcome.status, hash: outcome.hash });
    return;
  }
  switch (outcome.status) {
    case "invalid":
      sendAdminError(
        res,
        400,
        "invalid_document",
        `${outcome.message} Fix the listed fields and push again; the gateway keeps serving its current configuration.`,
        outcome.issues,
      );
      return;
    case "not_found":
      sendAdminError(res, 404, "not_found", outcome.message);
      return;
    case "failed":
      sendAdminError(res, 500, "persist_failed", outcome.message);
      return;
  }
}

async function readJson(req: IncomingMessage, res: ServerResponse): Promise<{ ok: true; value: unknown } | { ok: false }> {
  let body: Buffer;
  try {
    body = await readBody(req, MAX_ADMIN_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) sendAdminError(res, 413, "too_large", `The document exceeds ${MAX_ADMIN_BODY_BYTES} bytes.`);
    else sendAdminError(res, 400, "bad_request", "The request body could not be read.");
    return { ok: false };
  }
  try {
    return { ok: true, value: JSON.parse(body.toString("utf8")) };
  } catch (error) {
    sendAdminError(
      res,
      400,
      "invalid_json",
      `The body is not valid JSON (${(error as Error).message}); send the document as application/json.`,
    );
    return { ok: false };
  }
}

/** The longest day range one usage read may ask for: what the stores keep by default. */
const MAX_USAGE_DAYS = 90;

type DayRange = { ok: true; from: number; to: number } | { ok: false; message: string };

/** `from`/`to` of a usage read: either may be left out (`to` defaults to today, `from` to `to`). */
function parseUsageDays(url: URL, now: number): DayRange {
  const fromText = url.searchParams.get("from");
  const toText = url.searchParams.get("to");
  const to = toText === null ? Math.floor(now / DAY_MS) : parseDay(toText);
  const from = fromText === null ? to : parseDay(fromText);
  if (from === null || to === null) return { ok: false, message: "Pass 'from' and 'to' as calendar dates, YYYY-MM-DD (UTC)." };
  if (from > to) return { ok: false, message: `'from' (${formatDay(from)}) is after 'to' (${formatDay(to)}); swap them.` };
  if (to - from + 1 > MAX_USAGE_DAYS) {
    return { ok: false, message: `Ask for at most ${MAX_USAGE_DAYS} days at a time (asked for ${to - from + 1}); narrow 'from' and 'to'.` };
  }
  return { ok: true, from, to };
}

const STAGE_PATH = /^\/v1\/apis\/([^/]+)\/stages\/([^/]+)$/;

/**
 * The admin API, on its own port (loopback by default):
 *
 * - `PUT|GET|DELETE /v1/apis/{apiId}/stages/{stage}`: a stage's snapshot
 * - `PUT /v1/consumers`, `GET /v1/consumers`: API keys and usage plans (hash only on GET)
 * - `GET /v1/state`: every served hash, for convergence checks
 * - `GET /v1/usage?keys=id1,id2[&from=YYYY-MM-DD&to=YYYY-MM-DD]`: quota usage per key in the
 *   current period, and requests per UTC day per key (default: today; at most 90 days)
 * - `GET /metrics`: Prometheus metrics
 * - `GET /healthz`, `GET /readyz`: liveness and readiness (no token, for probes)
 *
 * Everything but the probes needs `Authorization: Bearer <GATEWAY_ADMIN_TOKEN>`.
 */
export function createAdminServer(deps: AdminServerDeps): Server {
  const authorized = createTokenCheck(deps.token);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://admin");
    const path = url.pathname;
    const method = req.method ?? "GET";

    if (path === "/healthz" && method === "GET") {
      sendJson(res, 200, { status: "ok" });
      return;
    }
    if (path === "/readyz" && method === "GET") {
      const ready = deps.isReady();
      sendJson(res, ready ? 200 : 503, { status: ready ? "ready" : "not_ready", stages: deps.state.stageCount });
      return;
    }
    if (!authorized(req.headers.authorization)) {
      res.setHeader("www-authenticate", 'Bearer realm="portico-gateway-admin"');
      sendAdminError(res, 401, "unauthorized", "Send the gateway's admin token as 'Authorization: Bearer <token>'.");
      return;
    }

    if (path === "/metrics" && method === "GET") {
      const text = deps.metricsText !== undefined ? await deps.metricsText() : await deps.metrics.registry.metrics();
      res.writeHead(200, { "content-type": deps.metrics.registry.contentType });
      res.end(text);
      return;
    }
    if (path === "/v1/state" && method === "GET") {
      sendJson(res, 200, deps.service.describe());
      return;
    }
    if (path === "/v1/consumers") {
      if (method === "PUT") {
        const body = await readJson(req, res);
        if (body.ok) sendOutcome(res, await deps.service.putConsumers(body.value));
        return;
      }
      if (method === "GET") {
        const current = deps.state.consumers.current;
        if (current === null) sendAdminError(res, 404, "not_found", "No consumers document has been pushed yet.");
        else sendJson(res, 200, { hash: current.hash, apiKeys: current.doc.apiKeys.length, usagePlans: current.doc.usagePlans.length });
        return;
      }
      sendAdminError(res, 405, "method_not_allowed", "Use GET or PUT on /v1/consumers.");
      return;
    }
    if (path === "/v1/usage" && method === "GET") {
      await handleUsage(url, res);
      return;
    }
    const match = STAGE_PATH.exec(path);
    if (match !== null) {
      const apiId = decodeURIComponent(match[1] ?? "");
      const stage = decodeURIComponent(match[2] ?? "");
      if (!identifierSchema.safeParse(apiId).success || !identifierSchema.safeParse(stage).success) {
        sendAdminError(res, 400, "invalid_path", "API ids and stage names use 1 to 128 letters, digits, '-' or '_'.");
        return;
      }
      if (method === "PUT") {
        const body = await readJson(req, res);
        if (body.ok) sendOutcome(res, await deps.service.putStage(apiId, stage, body.value));
        return;
      }
      if (method === "GET") {
        const live = deps.state.getStage(apiId, stage);
        if (live === undefined) sendAdminError(res, 404, "not_found", `No snapshot is served for ${apiId}/${stage}.`);
        else sendJson(res, 200, live.snapshot);
        return;
      }
      if (method === "DELETE") {
        sendOutcome(res, await deps.service.deleteStage(apiId, stage));
        return;
      }
      sendAdminError(res, 405, "method_not_allowed", "Use GET, PUT or DELETE on a stage.");
      return;
    }
    sendAdminError(res, 404, "not_found", `No admin endpoint ${method} ${path}.`);
  }

  async function handleUsage(url: URL, res: ServerResponse): Promise<void> {
    const ids = (url.searchParams.get("keys") ?? "").split(",").filter((id) => id !== "");
    if (ids.length === 0 || ids.length > 1000) {
      sendAdminError(res, 400, "invalid_query", "Pass 1 to 1000 API key ids as ?keys=id1,id2.");
      return;
    }
    const now = Date.now();
    const range = parseUsageDays(url, now);
    if (!range.ok) {
      sendAdminError(res, 400, "invalid_query", range.message);
      return;
    }
    const fromDay = formatDay(range.from);
    const toDay = formatDay(range.to);
    const consumers = deps.state.consumers.current;
    const rows: { keyId: string; planId: string; period: Period; limit: number; used: number; remaining: number; resetAt: string }[] = [];
    const wanted: { keyId: string; planId: string; period: Period; limit: number; counterKey: string }[] = [];
    for (const keyId of ids) {
      const record = consumers?.byId.get(keyId);
      if (record === undefined) continue;
      const seen = new Set<string>();
      for (const plan of record.stages.values()) {
        if (plan.quota === null || seen.has(plan.planId)) continue;
        seen.add(plan.planId);
        wanted.push({ keyId, planId: plan.planId, period: plan.quota.period, limit: plan.quota.limit, counterKey: plan.quota.counterKey });
      }
    }
    const keys: { keyId: string; days: { date: string; used: number }[] }[] = [];
    try {
      // Daily usage is counted by key id, so keys no longer in the consumers document still show their history.
      const daily = await deps.store.readDailyUsage(ids, fromDay, toDay);
      for (const keyId of ids) {
        const series = daily.get(keyId) ?? [];
        keys.push({ keyId, days: series.map((used, index) => ({ date: formatDay(range.from + index), used })) });
      }
      for (const period of ["DAY", "WEEK", "MONTH"] as const) {
        const inPeriod = wanted.filter((item) => item.period === period);
        if (inPeriod.length === 0) continue;
        const used = await deps.store.readQuota(
          inPeriod.map((item) => item.counterKey),
          period,
          now,
        );
        const resetAt = new Date(computePeriod(period, now).end).toISOString();
        for (const item of inPeriod) {
          const count = used.get(item.counterKey) ?? 0;
          rows.push({
            keyId: item.keyId,
            planId: item.planId,
            period,
            limit: item.limit,
            used: count,
            remaining: Math.max(0, item.limit - count),
            resetAt,
          });
        }
      }
    } catch (error) {
      if (isStoreUnavailableError(error)) {
        sendAdminError(
          res,
          503,
          "store_unavailable",
          "The counter store is unavailable; usage cannot be read right now. Try again shortly.",
        );
        return;
      }
      throw error;
    }
    sendJson(res, 200, { usage: rows, from: fromDay, to: toDay, keys });
  }

  // Pushes come seconds or minutes apart. With Node's 5 s keep-alive a client
  // reusing its pooled connection races the server closing it (EPIPE mid-upload);
  // a long idle timeout, announced in the Keep-Alive header, avoids that.
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      deps.logger.error("Admin request failed.", { method: req.method, url: req.url, ...errorFields(error) });
      if (!res.headersSent) sendAdminError(res, 500, "internal", "The admin request failed inside the gateway; see the gateway's log.");
      else res.destroy();
    });
  });
  server.headersTimeout = 66_000;
  return server;
}
