import { Pool } from "undici";

/**
 * One undici pool per upstream origin, shared by every snapshot that sends
 * to it, so a snapshot swap keeps the warm keep-alive connections.
 *
 * No connection limit and no pipelining: that measured fastest, and it
 * settles at about one upstream connection per active client connection.
 * Idle connections are kept 60 s when the upstream says nothing, and 2 s
 * less than the upstream's own Keep-Alive hint when it gives one, so the
 * gateway closes first and never sends on a socket the upstream is closing.
 */
export class UpstreamPools {
  private readonly pools = new Map<string, Pool>();

  get(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, {
        keepAliveTimeout: 60_000,
        keepAliveMaxTimeout: 600_000,
        keepAliveTimeoutThreshold: 2_000,
        connectTimeout: 10_000,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  /** Closes pools no live config uses (after their in-flight requests finish). */
  retainOnly(origins: ReadonlySet<string>): void {
    for (const [origin, pool] of this.pools) {
      if (origins.has(origin)) continue;
      this.pools.delete(origin);
      pool.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close().catch(() => undefined)));
  }

  async destroy(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.destroy().catch(() => undefined)));
  }
}
