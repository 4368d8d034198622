import cluster from "node:cluster";

import { ConfigError, DEV_ADMIN_TOKEN, loadConfigFromEnv, nodeNameOf } from "./config";
import { startControlPlaneClient, type ControlPlaneClient } from "./control-plane/client";
import { loadControlPlaneConfig } from "./control-plane/config";
import { createLogger, silentLogger } from "./logger";
import { checkClusterConfig, startClusterPrimary, startClusterWorker } from "./cluster";
import { startGateway } from "./server";

/** `npm run gateway`: settings from the environment, SIGTERM/SIGINT drain and exit. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfigFromEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const clusterProblem = checkClusterConfig(config);
  if (clusterProblem !== null) {
    process.stderr.write(`${clusterProblem}\n`);
    process.exit(2);
  }
  if (config.workers > 1 && !cluster.isPrimary) {
    await startClusterWorker(config);
    return;
  }
  let controlPlaneConfig;
  try {
    controlPlaneConfig = loadControlPlaneConfig(process.env, nodeNameOf(config));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  const gateway = config.workers > 1 ? await startClusterPrimary(config) : await startGateway(config);
  if (config.adminToken === DEV_ADMIN_TOKEN && config.log !== "off") {
    createLogger().warn(
      "The admin API uses the public development token (GATEWAY_ALLOW_DEV_TOKEN=1); it is accepted only on loopback. Set GATEWAY_ADMIN_TOKEN for anything else.",
      {
        adminUrl: gateway.adminUrl,
      },
    );
  }
  // With CONTROL_PLANE_URL set, the node registers and pulls the current state, so it converges without a redeploy.
  const controlPlane: ControlPlaneClient | null =
    controlPlaneConfig === null
      ? null
      : startControlPlaneClient({
          config: controlPlaneConfig,
          adminUrl: gateway.adminUrl,
          adminToken: config.adminToken,
          logger: config.log === "off" ? silentLogger : createLogger(),
        });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    controlPlane?.stop();
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: "info", msg: "Stopping.", signal })}\n`);
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${JSON.stringify({ level: "error", msg: "Shutdown failed.", error: String(error) })}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/** What to do about the usual start-up failures. */
function hintFor(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "EADDRINUSE")
    return "Another process holds the port: stop it, or choose other ports with GATEWAY_PORT and GATEWAY_ADMIN_PORT.";
  if (code === "EACCES" || code === "EPERM") return "Permission denied: use ports above 1024, and a GATEWAY_DATA_DIR this user may write.";
  if (code === "EADDRNOTAVAIL") return "The bind address does not exist on this machine: check GATEWAY_HOST and GATEWAY_ADMIN_HOST.";
  return undefined;
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `${JSON.stringify({ level: "error", msg: "The gateway could not start.", error: message, hint: hintFor(error) })}\n`,
  );
  process.exit(1);
});
