export { startGateway } from "./server";
export type { RunningGateway, StartGatewayOptions } from "./server";
export { loadConfigFromEnv, resolveConfig, DEV_ADMIN_TOKEN } from "./config";
export type { GatewayConfig, GatewayConfigInput } from "./config";
