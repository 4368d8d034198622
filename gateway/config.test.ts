import { describe, expect, it } from "vitest";
import { ConfigError, DEV_ADMIN_TOKEN, loadConfigFromEnv } from "./config";

describe("gateway configuration", () => {
  it("uses the documented defaults, with the admin API on loopback", () => {
    const config = loadConfigFromEnv({ GATEWAY_ADMIN_TOKEN: "a-secret-of-enough-length-0123456789" });
    expect(config).toMatchObject({
      port: 8080,
      adminPort: 8081,
      adminHost: "127.0.0.1",
      dataDir: ".data/gateway",
      log: "json",
      storeFailure: "open",
      maxBodyBytes: 10 * 1024 * 1024,
    });
    expect(config.redisUrl).toBeUndefined();
  });

  it("refuses to start without an admin token unless the development default is asked for", () => {
    expect(() => loadConfigFromEnv({})).toThrow(/GATEWAY_ADMIN_TOKEN is not set/);
    expect(loadConfigFromEnv({ GATEWAY_ALLOW_DEV_TOKEN: "1" }).adminToken).toBe(DEV_ADMIN_TOKEN);
  });

  it("refuses the development token unless the admin API is on loopback, and short tokens always", () => {
    expect(() => loadConfigFromEnv({ GATEWAY_ALLOW_DEV_TOKEN: "1", GATEWAY_ADMIN_HOST: "0.0.0.0" })).toThrow(
      /development token is refused while the admin API listens on 0\.0\.0\.0/,
    );
    expect(() => loadConfigFromEnv({ GATEWAY_ADMIN_TOKEN: DEV_ADMIN_TOKEN, GATEWAY_ADMIN_HOST: "10.0.0.5" })).toThrow(
      /development token is refused/,
    );
    expect(loadConfigFromEnv({ GATEWAY_ALLOW_DEV_TOKEN: "1", GATEWAY_ADMIN_HOST: "::1" }).adminHost).toBe("::1");
    expect(() => loadConfigFromEnv({ GATEWAY_ADMIN_TOKEN: "x".repeat(31) })).toThrow(/GATEWAY_ADMIN_TOKEN: must be at least 32 characters/);
    expect(loadConfigFromEnv({ GATEWAY_ADMIN_TOKEN: "x".repeat(32), GATEWAY_ADMIN_HOST: "0.0.0.0" }).adminHost).toBe("0.0.0.0");
  });

  it("names every invalid variable", () => {
    try {
      loadConfigFromEnv({ GATEWAY_ADMIN_TOKEN: "short", GATEWAY_PORT: "99999", GATEWAY_LOG: "verbose" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain("GATEWAY_ADMIN_TOKEN");
      expect(message).toContain("GATEWAY_PORT");
      expect(message).toContain("GATEWAY_LOG");
    }
  });

  it("accepts port 0 for ephemeral ports and reads REDIS_URL", () => {
    const config = loadConfigFromEnv({
      GATEWAY_ADMIN_TOKEN: "a-secret-of-enough-length-0123456789",
      GATEWAY_PORT: "0",
      REDIS_URL: "redis://127.0.0.1:6379",
    });
    expect(config.port).toBe(0);
    expect(config.redisUrl).toBe("redis://127.0.0.1:6379");
  });
});
