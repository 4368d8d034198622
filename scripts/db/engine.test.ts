import { describe, expect, it } from "vitest";

import { connectionConfigFromUrl } from "./engine";

describe("connectionConfigFromUrl", () => {
  it("splits a URL into discrete pg parameters, decoding credentials", () => {
    expect(connectionConfigFromUrl("postgresql://app%40x:p%2Fss@db.local:6543/portico%5Fdev")).toMatchObject({
      host: "db.local",
      port: 6543,
      user: "app@x",
      password: "p/ss",
      database: "portico_dev",
    });
  });

  it("falls back to PostgreSQL's defaults for what the URL leaves out", () => {
    expect(connectionConfigFromUrl("postgres://127.0.0.1")).toMatchObject({
      host: "127.0.0.1",
      port: 5432,
      user: "postgres",
      password: undefined,
      database: "postgres",
    });
  });

  it("turns sslmode=require into an SSL connection", () => {
    expect(connectionConfigFromUrl("postgresql://h/db?sslmode=require").ssl).toBe(true);
  });

  it("refuses URLs of other databases", () => {
    expect(() => connectionConfigFromUrl("mysql://h/db")).toThrow(/postgresql:\/\//);
  });
});
