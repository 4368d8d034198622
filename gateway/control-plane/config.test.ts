import { describe, expect, it } from "vitest";

import { loadControlPlaneConfig } from "./config";

describe("loadControlPlaneConfig", () => {
  it("is off (null) without CONTROL_PLANE_URL, so a node without a console just serves what it is pushed", () => {
    expect(loadControlPlaneConfig({}, "gateway-a")).toBeNull();
  });

  it("reads the console URL, name and token, defaulting the name", () => {
    const config = loadControlPlaneConfig(
      { CONTROL_PLANE_URL: "http://127.0.0.1:3000/", GATEWAY_REGISTRATION_TOKEN: "a-registration-token-123" },
      "gateway-a",
    );
    expect(config).toEqual({ url: "http://127.0.0.1:3000", nodeName: "gateway-a", registrationToken: "a-registration-token-123" });
  });

  it("refuses to start registering without a token, naming the variable to set", () => {
    expect(() => loadControlPlaneConfig({ CONTROL_PLANE_URL: "http://127.0.0.1:3000" }, "gateway-a")).toThrow(/GATEWAY_REGISTRATION_TOKEN/);
  });
});
