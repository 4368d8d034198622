import type { MethodSource } from "@/lib/deploy/compile-snapshot";

/** A method as loaded from the database: an unauthenticated HTTP proxy unless `overrides` say otherwise. */
export function methodSource(path: string, httpMethod: string, overrides: Partial<MethodSource> = {}): MethodSource {
  return {
    path,
    httpMethod,
    authorizationType: "NONE",
    apiKeyRequired: false,
    requestParameters: [],
    requestValidator: "NONE",
    requestModelSchema: null,
    integration: {
      type: "HTTP_PROXY",
      httpMethod: null,
      uri: "http://127.0.0.1:9000/{id}",
      timeoutMs: 29000,
      requestParameters: {},
      mockResponse: null,
    },
    ...overrides,
  };
}
