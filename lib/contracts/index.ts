/**
 * The contract between the console (control plane) and the gateway (data
 * plane). Schemas only, safe to import anywhere; the hashing helpers, which
 * need node:crypto, live in `@/lib/contracts/hash`.
 */
export * from "./snapshot";
export * from "./access-log";
export * from "./authorizers";
export * from "./consumers";
export * from "./parse-snapshot";
