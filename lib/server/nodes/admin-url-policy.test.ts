import { describe, expect, it } from "vitest";

import { isAllowedAdminUrl } from "./admin-url-policy";

describe("isAllowedAdminUrl", () => {
  it("allows only loopback by default", () => {
    expect(isAllowedAdminUrl("http://127.0.0.1:8081", [])).toBe(true);
    expect(isAllowedAdminUrl("http://localhost:9000/", [])).toBe(true);
    expect(isAllowedAdminUrl("http://[::1]:8081", [])).toBe(true);
    expect(isAllowedAdminUrl("http://10.0.0.5:8081", [])).toBe(false);
    expect(isAllowedAdminUrl("http://169.254.169.254/latest/meta-data", [])).toBe(false);
    expect(isAllowedAdminUrl("http://127.0.0.1.evil.example:8081", [])).toBe(false);
  });

  it("matches configured patterns, with * within a host or port only", () => {
    const patterns = ["http://10.0.*:8081", "https://*.gw.internal:8443"];
    expect(isAllowedAdminUrl("http://10.0.3.7:8081", patterns)).toBe(true);
    expect(isAllowedAdminUrl("https://eu-1.gw.internal:8443", patterns)).toBe(true);
    expect(isAllowedAdminUrl("http://10.0.3.7:9999", patterns)).toBe(false);
    expect(isAllowedAdminUrl("https://evil.example/x.gw.internal:8443", patterns)).toBe(false);
    expect(isAllowedAdminUrl("http://127.0.0.1:8081", patterns)).toBe(false);
  });

  it("refuses credentials, queries and what is not a URL", () => {
    expect(isAllowedAdminUrl("http://user:pw@127.0.0.1:8081", [])).toBe(false);
    expect(isAllowedAdminUrl("http://127.0.0.1:8081/?x=1", [])).toBe(false);
    expect(isAllowedAdminUrl("not a url", [])).toBe(false);
  });
});
