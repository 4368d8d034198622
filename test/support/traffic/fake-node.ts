// A stand-in for a gateway node's observability endpoints, for tests of the
// console's collector and request explorer: a real node:http server that
// answers `GET /v1/aggregates?since=` and `GET /v1/requests?...` exactly as
// lib/contracts/observability.ts describes, from requests the test records.
// Aggregates are computed from the recorded requests the way a node counts
// them (per minute, status class, route and key, latencies in the contract's
// buckets), so tests can compare the console's numbers with raw latencies.

import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

import {
  aggregatesResponseSchema,
  latencyBucketIndex,
  MINUTE_MS,
  OBSERVABILITY_VERSION,
  requestsResponseSchema,
  statusClassOf,
  type AggregateRow,
  type AggregatesResponse,
  type RequestRecord,
  type RequestsResponse,
} from "@/lib/contracts/observability";

import { TEST_ADMIN_TOKEN } from "../gateway/admin-client";

export type RecordedInput = Partial<RequestRecord> & Pick<RequestRecord, "apiId" | "stage" | "status" | "latencyMs">;

export type FakeNodeOptions = {
  name?: string;
  token?: string;
  /** Minutes the node's ring keeps (the current one included). */
  ringMinutes?: number;
  /** The node's clock; tests move it to make minutes complete. */
  now?: () => number;
  /** Port to listen on (0: any free port). */
  port?: number;
  sampling?: RequestsResponse["sampling"];
};

export class FakeNode {
  readonly name: string;
  bootId = randomUUID();
  /** Every `since` the node was asked for, in order. */
  readonly sinceAsked: number[] = [];
  private records: RequestRecord[] = [];
  private server: http.Server | undefined;
  private port: number;
  private readonly token: string;
  private readonly ringMinutes: number;
  private startedAt: number;
  now: () => number;
  sampling: RequestsResponse["sampling"];

  constructor(options: FakeNodeOptions = {}) {
    this.name = options.name ?? `fake-${randomUUID().slice(0, 8)}`;
    this.token = options.token ?? TEST_ADMIN_TOKEN;
    this.ringMinutes = options.ringMinutes ?? 60;
    this.now = options.now ?? Date.now;
    this.port = options.port ?? 0;
    this.sampling = options.sampling ?? { successRate: 1, errorsKept: 0, successesKept: 0 };
    this.startedAt = this.now();
  }

  get adminUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Records a request as the node would have served it (at `now()` unless given). */
  record(input: RecordedInput): RequestRecord {
    const record: RequestRecord = {
      requestId: randomUUID(),
      at: this.now(),
      method: "GET",
      path: "/",
      route: null,
      integrationLatencyMs: null,
      apiKeyId: null,
      reason: null,
      ...input,
    };
    this.records.push(record);
    return record;
  }

  /** A new process: a new boot id, and nothing of the previous one's memory. */
  restart(): void {
    this.bootId = randomUUID();
    this.records = [];
    this.startedAt = this.now();
  }

  currentMinute(): number {
    return Math.floor(this.now() / MINUTE_MS) * MINUTE_MS;
  }

  oldestMinute(): number {
    const bootMinute = Math.floor(this.startedAt / MINUTE_MS) * MINUTE_MS;
    return Math.max(bootMinute, this.currentMinute() - (this.ringMinutes - 1) * MINUTE_MS);
  }

  aggregates(since: number): AggregatesResponse {
    const oldest = this.oldestMinute();
    const current = this.currentMinute();
    const rows = new Map<string, AggregateRow & { dense: Map<number, number>; integrationDense: Map<number, number> }>();
    for (const record of this.records) {
      const minute = Math.floor(record.at / MINUTE_MS) * MINUTE_MS;
      if (minute < Math.max(since, oldest) || minute > current) continue;
      const statusClass = statusClassOf(record.status);
      const key = JSON.stringify([minute, record.apiId, record.stage, record.route, statusClass, record.apiKeyId]);
      let row = rows.get(key);
      if (row === undefined) {
        row = {
          minute,
          apiId: record.apiId,
          stage: record.stage,
          route: record.route,
          statusClass,
          apiKeyId: record.apiKeyId,
          count: 0,
          latency: { buckets: [], sumMs: 0 },
          integrationLatency: { buckets: [], sumMs: 0 },
          dense: new Map(),
          integrationDense: new Map(),
        };
        rows.set(key, row);
      }
      row.count += 1;
      row.latency.sumMs += record.latencyMs;
      const index = latencyBucketIndex(record.latencyMs);
      row.dense.set(index, (row.dense.get(index) ?? 0) + 1);
      if (record.integrationLatencyMs !== null) {
        row.integrationLatency.sumMs += record.integrationLatencyMs;
        const integrationIndex = latencyBucketIndex(record.integrationLatencyMs);
        row.integrationDense.set(integrationIndex, (row.integrationDense.get(integrationIndex) ?? 0) + 1);
      }
    }
    const sparse = (dense: Map<number, number>): [number, number][] => [...dense.entries()].sort((a, b) => a[0] - b[0]);
    const body: AggregatesResponse = {
      version: OBSERVABILITY_VERSION,
      node: this.name,
      bootId: this.bootId,
      currentMinute: current,
      oldestMinute: oldest,
      rows: [...rows.values()].map(({ dense, integrationDense, ...row }) => ({
        ...row,
        latency: { buckets: sparse(dense), sumMs: row.latency.sumMs },
        integrationLatency: { buckets: sparse(integrationDense), sumMs: row.integrationLatency.sumMs },
      })),
    };
    return aggregatesResponseSchema.parse(body);
  }

  requests(query: URLSearchParams): RequestsResponse {
    const number = (name: string) => (query.has(name) ? Number(query.get(name)) : undefined);
    const from = number("from");
    const to = number("to");
    const limit = number("limit") ?? 100;
    const status = query.get("status");
    const items = this.records
      .filter((record) => {
        if (query.has("apiId") && record.apiId !== query.get("apiId")) return false;
        if (query.has("stage") && record.stage !== query.get("stage")) return false;
        if (from !== undefined && record.at < from) return false;
        if (to !== undefined && record.at > to) return false;
        if (status && (/xx$/.test(status) ? statusClassOf(record.status) !== status : String(record.status) !== status)) return false;
        if (query.has("route") && record.route !== query.get("route")) return false;
        if (query.has("method") && record.method !== query.get("method")) return false;
        if (query.has("apiKeyId") && record.apiKeyId !== query.get("apiKeyId")) return false;
        if (query.has("requestId") && record.requestId !== query.get("requestId")) return false;
        return true;
      })
      .sort((a, b) => b.at - a.at || (a.requestId < b.requestId ? -1 : 1))
      .slice(0, limit);
    const errors = this.records.filter((record) => record.status >= 400).length;
    return requestsResponseSchema.parse({
      version: OBSERVABILITY_VERSION,
      node: this.name,
      sampling: { ...this.sampling, errorsKept: errors, successesKept: this.records.length - errors },
      items,
    });
  }

  async start(): Promise<this> {
    const server = http.createServer((request, response) => this.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Stops answering (the port is kept for a later start()). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const url = new URL(request.url ?? "/", this.adminUrl);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (request.headers.authorization !== `Bearer ${this.token}`) return send(401, { message: "Unauthorized" });
    if (url.pathname === "/v1/aggregates") {
      const since = Number(url.searchParams.get("since") ?? "0");
      this.sinceAsked.push(since);
      return send(200, this.aggregates(since));
    }
    if (url.pathname === "/v1/requests") return send(200, this.requests(url.searchParams));
    return send(404, { message: "Not found" });
  }
}

/** Starts a fake node (stopped by the caller). */
export async function startFakeNode(options: FakeNodeOptions = {}): Promise<FakeNode> {
  return new FakeNode(options).start();
}
