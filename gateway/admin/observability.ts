import type { ServerResponse } from "node:http";
import type { AggregatesResponse, RequestsResponse } from "@/lib/contracts/observability";
import type { RequestFilter } from "../observability";
import { DEFAULT_REQUESTS_LIMIT, MAX_REQUESTS_LIMIT } from "../observability/request-buffer";
import { sendAdminError, sendJson } from "./reply";

/** Where the admin API reads a node's traffic: this process, or a cluster's workers summed. */
export interface ObservabilitySource {
  aggregates(since: number): Promise<AggregatesResponse>;
  requests(filter: RequestFilter): Promise<RequestsResponse>;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function epochMs(url: URL, name: string): Parsed<number | undefined> {
  const text = url.searchParams.get(name);
  if (text === null || text === "") return { ok: true, value: undefined };
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    return { ok: false, message: `'${name}' must be a time in epoch milliseconds (a whole number ≥ 0); got '${text}'.` };
  }
  return { ok: true, value };
}

/** `GET /v1/aggregates?since=<epoch ms>`: rows of the minutes from `since` on (all that are held when omitted). */
export async function readAggregates(source: ObservabilitySource, url: URL, res: ServerResponse): Promise<void> {
  const since = epochMs(url, "since");
  if (!since.ok) {
    sendAdminError(res, 400, "invalid_query", since.message);
    return;
  }
  sendJson(res, 200, await source.aggregates(since.value ?? 0));
}

const STATUS = /^(?:[1-5][0-9][0-9]|[1-5]xx)$/;

export function parseRequestFilter(url: URL): Parsed<RequestFilter> {
  const params = url.searchParams;
  const text = (name: string): string | undefined => {
    const value = params.get(name);
    return value === null || value === "" ? undefined : value;
  };
  const from = epochMs(url, "from");
  if (!from.ok) return from;
  const to = epochMs(url, "to");
  if (!to.ok) return to;
  const status = text("status");
  if (status !== undefined && !STATUS.test(status)) {
    return { ok: false, message: `'status' must be a status code (404) or a class (5xx); got '${status}'.` };
  }
  const limitText = text("limit");
  const limit = limitText === undefined ? DEFAULT_REQUESTS_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_REQUESTS_LIMIT) {
    return { ok: false, message: `'limit' must be a whole number from 1 to ${MAX_REQUESTS_LIMIT}; got '${limitText}'.` };
  }
  const method = text("method");
  return {
    ok: true,
    value: {
      apiId: text("apiId"),
      stage: text("stage"),
      from: from.value,
      to: to.value,
      status: status === undefined ? undefined : status.endsWith("xx") ? status : Number(status),
      route: text("route"),
      method: method?.toUpperCase(),
      apiKeyId: text("apiKeyId"),
      requestId: text("requestId"),
      limit,
    },
  };
}

/** `GET /v1/requests?apiId=&stage=&from=&to=&status=&route=&method=&apiKeyId=&requestId=&limit=`: recorded requests, newest first. */
export async function readRequests(source: ObservabilitySource, url: URL, res: ServerResponse): Promise<void> {
  const filter = parseRequestFilter(url);
  if (!filter.ok) {
    sendAdminError(res, 400, "invalid_query", filter.message);
    return;
  }
  sendJson(res, 200, await source.requests(filter.value));
}
