import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import { DayCache, formatDay, parseDayRange, PeriodCache } from "./periods";
import { NEVER_REFILLS_RETRY_MS } from "./memory";
import { DEFAULT_USAGE_DAYS, StoreUnavailableError } from "./types";
import type { CounterStore, Period, QuotaResult, StoreOp, TokenBucketResult } from "./types";

export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). */
  url: string;
  /** Per-command timeout in ms: past it the call rejects with StoreUnavailableError. Default 50. */
  timeoutMs?: number;
  /** Prepended to every key, so several deployments can share one Redis. Default `portico:`. */
  keyPrefix?: string;
  /** TCP connect timeout for each (re)connection attempt. Default 1000 ms. */
  connectTimeoutMs?: number;
  /** Upper bound on the wait between reconnection attempts. Default 1000 ms. */
  maxReconnectDelayMs?: number;
  /**
   * Told about connection-level errors (refused, reset), at most once per
   * `connectionErrorIntervalMs` while Redis stays down; command failures
   * reach the caller instead.
   */
  onConnectionError?: (error: Error) => void;
  /** Default 10 s. */
  connectionErrorIntervalMs?: number;
  /** UTC days a per-key daily usage counter lives. Default 90. */
  usageDays?: number;
}

/**
 * The start of every token-bucket script: ARGV[1] rate per second, ARGV[2]
 * burst; `now` (ms, Redis's clock) and `tokens` (refilled up to the burst)
 * are set for what follows. A missing bucket is a full one.
 */
export const BUCKET_REFILL_LUA = `
if redis.replicate_commands then redis.replicate_commands() end
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local state = redis.call('HMGET', KEYS[1], 't', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = burst
  ts = now
end
local elapsed = now - ts
if elapsed < 0 then elapsed = 0 end
if rate > 0 then tokens = tokens + elapsed * rate / 1000 end
if tokens > burst then tokens = burst end
`;

/**
 * Token bucket, atomically. Time comes from Redis (TIME), not from the
 * replicas, so skewed gateway clocks cannot over-refill a shared bucket.
 * State: hash {t: tokens, ts: last refill in ms}. The key expires once the
 * bucket would be full again, because a missing bucket means a full one.
 * Returns {allowed 0|1, whole tokens left, retry-after ms}.
 */
const TAKE_TOKEN_LUA = `
${BUCKET_REFILL_LUA}local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
elseif rate > 0 then
  retry = math.ceil((1 - tokens) * 1000 / rate)
else
  retry = tonumber(ARGV[3])
end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'ts', tostring(now))
local ttl = 86400000
if rate > 0 then ttl = math.ceil((burst - tokens) * 1000 / rate) + 1000 end
redis.call('PEXPIRE', KEYS[1], ttl)
return {allowed, math.floor(tokens), retry}
`;

/**
 * Quota counter for one period, atomically: refuse without counting once the
 * limit is reached, else count. The key (already naming the period) expires
 * after the period ends. With a second key, an allowed request is also
 * counted in that day's usage counter (expiring ARGV[3] seconds after the
 * day's first request), so usage costs no extra round trip. Returns {allowed 0|1, used}.
 */
const CONSUME_QUOTA_LUA = `
local limit = tonumber(ARGV[1])
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used >= limit then return {0, used} end
used = redis.call('INCR', KEYS[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
if KEYS[2] then
  if redis.call('INCR', KEYS[2]) == 1 then redis.call('EXPIRE', KEYS[2], ARGV[3]) end
end
return {1, used}
`;

/** One request in a day's usage counter; the expiry is set once, by the day's first request. */
const COUNT_USAGE_LUA = `
local used = redis.call('INCR', KEYS[1])
if used == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return {used}
`;

/** Quota keys outlive their period a little, so a replica whose clock lags still finds its counter. */
const QUOTA_EXPIRY_GRACE_MS = 3_600_000;
const READ_CHUNK = 500;

interface LuaScript {
  source: string;
  sha: string;
}

function luaScript(source: string): LuaScript {
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

const takeTokenScript = luaScript(TAKE_TOKEN_LUA);
const consumeQuotaScript = luaScript(CONSUME_QUOTA_LUA);
const countUsageScript = luaScript(COUNT_USAGE_LUA);

function isNoScriptError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith("NOSCRIPT");
}

/**
 * Counters shared by every gateway replica through Redis. Each operation is
 * one Lua script (EVALSHA, loaded again after a Redis restart). Designed to
 * fail fast: no offline queue, no retries, a short command timeout; the
 * connection is re-established in the background.
 */
export class RedisCounterStore implements CounterStore {
  readonly kind = "redis" as const;
  readonly client: Redis;
  private readonly periods = new PeriodCache();
  private readonly today = new DayCache();
  /** A day counter outlives the window by a day, so the oldest day shown is still whole. */
  private readonly usageTtlSeconds: number;

  constructor(options: RedisStoreOptions) {
    this.usageTtlSeconds = (Math.max(1, Math.floor(options.usageDays ?? DEFAULT_USAGE_DAYS)) + 1) * 86_400;
    const maxDelay = options.maxReconnectDelayMs ?? 1000;
    this.client = new Redis(options.url, {
      keyPrefix: options.keyPrefix ?? "portico:",
      commandTimeout: options.timeoutMs ?? 50,
      connectTimeout: options.connectTimeoutMs ?? 1000,
      // A request must never wait for Redis to come back: reject at once
      // while disconnected, never queue or replay (a replayed INCR would
      // count a request twice).
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      // Keep reconnecting forever, in the background.
      retryStrategy: (attempt) => Math.min(attempt * 100, maxDelay),
    });
    // Without a listener ioredis prints every reconnection failure (up to
    // ten a second); pass on the first of an outage, then one per interval.
    const interval = options.connectionErrorIntervalMs ?? 10_000;
    let lastReportedAt = Number.NEGATIVE_INFINITY;
    this.client.on("ready", () => {
      lastReportedAt = Number.NEGATIVE_INFINITY;
    });
    this.client.on("error", (error: Error) => {
      const now = Date.now();
      if (now - lastReportedAt < interval) return;
      lastReportedAt = now;
      options.onConnectionError?.(error);
    });
  }

  async takeToken(key: string, rate: number, burst: number, _nowMs: number): Promise<TokenBucketResult> {
    const reply = await this.run("takeToken", takeTokenScript, [key], [rate, burst, NEVER_REFILLS_RETRY_MS]);
    return { allowed: reply[0] === 1, remaining: reply[1], retryAfterMs: reply[2] };
  }

  async consumeQuota(key: string, limit: number, period: Period, nowMs: number, usageKeyId?: string): Promise<QuotaResult> {
    const window = this.periods.get(period, nowMs);
    const quotaKey = `${key}:${window.suffix}`;
    const keys = usageKeyId === undefined ? [quotaKey] : [quotaKey, this.usageKey(usageKeyId, nowMs)];
    const reply = await this.run("consumeQuota", consumeQuotaScript, keys, [
      limit,
      window.end + QUOTA_EXPIRY_GRACE_MS,
      this.usageTtlSeconds,
    ]);
    const used = reply[1];
    return { allowed: reply[0] === 1, used, remaining: Math.max(0, limit - used), resetAt: window.end };
  }

  async readQuota(keys: string[], period: Period, nowMs: number): Promise<Map<string, number>> {
    const window = this.periods.get(period, nowMs);
    const usage = new Map<string, number>();
    for (let i = 0; i < keys.length; i += READ_CHUNK) {
      const chunk = keys.slice(i, i + READ_CHUNK);
      let values: (string | null)[];
      try {
        values = await this.client.mget(chunk.map((key) => `${key}:${window.suffix}`));
      } catch (error) {
        throw this.unavailable("readQuota", error);
      }
      chunk.forEach((key, j) => usage.set(key, Number(values[j] ?? 0)));
    }
    return usage;
  }

  async countUsage(keyId: string, nowMs: number): Promise<void> {
    await this.run("countUsage", countUsageScript, [this.usageKey(keyId, nowMs)], [this.usageTtlSeconds]);
  }

  async readDailyUsage(keyIds: string[], fromDay: string, toDay: string): Promise<Map<string, number[]>> {
    const { from, to } = parseDayRange(fromDay, toDay);
    const dates: string[] = [];
    for (let day = from; day <= to; day++) dates.push(formatDay(day));
    const names: string[] = [];
    for (const keyId of keyIds) for (const date of dates) names.push(`u:${keyId}:${date}`);
    const values: (string | null)[] = [];
    try {
      for (let i = 0; i < names.length; i += READ_CHUNK) values.push(...(await this.client.mget(names.slice(i, i + READ_CHUNK))));
    } catch (error) {
      throw this.unavailable("readDailyUsage", error);
    }
    const usage = new Map<string, number[]>();
    keyIds.forEach((keyId, k) => {
      usage.set(
        keyId,
        dates.map((_, d) => Number(values[k * dates.length + d] ?? 0)),
      );
    });
    return usage;
  }

  async ready(timeoutMs = 2000): Promise<boolean> {
    if (this.client.status === "ready") return true;
    return new Promise<boolean>((resolve) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.client.off("ready", onReady);
        resolve(false);
      }, timeoutMs);
      this.client.once("ready", onReady);
    });
  }

  async close(): Promise<void> {
    if (this.client.status === "ready") {
      try {
        await this.client.quit();
        return;
      } catch {
        // Fall through: drop the connection instead of waiting on a dying server.
      }
    }
    this.client.disconnect();
  }

  /** `u:<keyId>:<YYYY-MM-DD>`; the day's date string is cached, only the concatenation is per request. */
  private usageKey(keyId: string, nowMs: number): string {
    this.today.at(nowMs);
    return `u:${keyId}:${this.today.date}`;
  }

  private async run(op: StoreOp, script: LuaScript, keys: string[], args: number[]): Promise<number[]> {
    try {
      try {
        return (await this.client.evalsha(script.sha, keys.length, ...keys, ...args)) as number[];
      } catch (error) {
        // Redis lost its script cache (restart, SCRIPT FLUSH, failover):
        // EVAL sends the source and caches it again.
        if (!isNoScriptError(error)) throw error;
        return (await this.client.eval(script.source, keys.length, ...keys, ...args)) as number[];
      }
    } catch (error) {
      throw this.unavailable(op, error);
    }
  }

  private unavailable(op: StoreOp, error: unknown): StoreUnavailableError {
    const reason = error instanceof Error ? error.message : String(error);
    return new StoreUnavailableError("redis", op, `Redis could not serve ${op} (${reason}); check that Redis is running and reachable.`, {
      cause: error,
    });
  }
}
