export { startGateway } from "./gateway";
export type { RunningGateway, StartGatewayOptions } from "./gateway";
export { loadConfigFromEnv, resolveConfig, DEV_ADMIN_TOKEN } from "./config";
export type { GatewayConfig, GatewayConfigInput } from "./config";
