import { describe, expect, it } from "vitest";

import { parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("applies the documented defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env).toMatchObject({
      PORT: 3000,
      GATEWAY_NODES: [],
      PUBLIC_GATEWAY_URL: "http://127.0.0.1:8080",
      NODE_ENV: "development",
    });
  });

  it("splits GATEWAY_NODES on commas and ignores blanks", () => {
    const env = parseEnv({ GATEWAY_NODES: " http://127.0.0.1:8081, ,http://10.0.0.2:8081 " });
    expect(env.GATEWAY_NODES).toEqual(["http://127.0.0.1:8081", "http://10.0.0.2:8081"]);
  });

  it("treats empty variables as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", PORT: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
  });

  it("asks for the client with the issuer, and for single sign-on when passwords are off", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://id.example.com" })).toThrow(/OIDC_CLIENT_ID: is required with OIDC_ISSUER/);
    expect(() => parseEnv({ PASSWORD_SIGN_IN: "false" })).toThrow(/PASSWORD_SIGN_IN: can be false only with single sign-on/);
    const env = parseEnv({ OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "portico", PASSWORD_SIGN_IN: "false" });
    expect(env).toMatchObject({
      PASSWORD_SIGN_IN: false,
      OIDC_SCOPES: "openid email profile",
      OIDC_ROLE_CLAIM: "portico_role",
      OIDC_DEFAULT_ROLE: "viewer",
    });
  });

  it("refuses a gateway admin token under 32 characters, and reads the node registration settings", () => {
    expect(() => parseEnv({ GATEWAY_ADMIN_TOKEN: "x".repeat(31) })).toThrow(/GATEWAY_ADMIN_TOKEN: use at least 32 characters/);
    const env = parseEnv({
      GATEWAY_ADMIN_TOKEN: "x".repeat(32),
      GATEWAY_ALLOWED_ADMIN_URLS: "http://10.0.*:8081, https://*.internal:8443",
      GATEWAY_AUTO_APPROVE: "true",
    });
    expect(env).toMatchObject({
      GATEWAY_ALLOWED_ADMIN_URLS: ["http://10.0.*:8081", "https://*.internal:8443"],
      GATEWAY_AUTO_APPROVE: true,
    });
    expect(parseEnv({}).GATEWAY_AUTO_APPROVE).toBe(false);
    expect(() => parseEnv({ GATEWAY_ALLOWED_ADMIN_URLS: "10.0.0.1:8081" })).toThrow(/must start with http:\/\/ or https:\/\//);
  });

  it("names every invalid variable in one error", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://localhost/x", PORT: "99999", REDIS_URL: "http://x" })).toThrow(
      /DATABASE_URL[\s\S]*PORT[\s\S]*REDIS_URL/,
    );
  });

  it("derives the default invoke URL base from the gateway port", () => {
    expect(parseEnv({ GATEWAY_PORT: "9090" }).PUBLIC_GATEWAY_URL).toBe("http://127.0.0.1:9090");
  });

  it("drops a trailing slash from PUBLIC_GATEWAY_URL so invoke URLs join cleanly", () => {
    expect(parseEnv({ PUBLIC_GATEWAY_URL: "https://api.example.com/" }).PUBLIC_GATEWAY_URL).toBe("https://api.example.com");
  });
});
