/**
 * The gateway as a benchmark target, in a process of its own: proxy and
 * admin ports chosen by the OS, access logs off (the other targets log
 * nothing either), data folder given on the command line.
 * Usage: node --import tsx bench/targets/gateway.ts <dataDir>
 */
const GATEWAY_MODULE = "@/gateway/server";

interface StartedGateway {
  proxyUrl: string;
  adminUrl: string;
  close(): Promise<void>;
}
type StartGateway = (options: Record<string, unknown>) => Promise<StartedGateway>;

const dataDir = process.argv[2] ?? ".data/bench-gateway";
const { startGateway } = (await import(GATEWAY_MODULE)) as { startGateway: StartGateway };
const gateway = await startGateway({
  port: 0,
  host: "127.0.0.1",
  adminPort: 0,
  adminToken: process.env.GATEWAY_ADMIN_TOKEN,
  dataDir,
  log: "off",
  ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
});
console.log(`READY ${JSON.stringify({ proxyUrl: gateway.proxyUrl, adminUrl: gateway.adminUrl })}`);
process.on("SIGTERM", () => {
  gateway.close().then(() => process.exit(0));
});

export {};
