import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { createJsonAccessLog } from "@/gateway/access-log";
import { silentLogger } from "@/gateway/logger";
import { startGateway, type RunningGateway, type StartGatewayOptions } from "@/gateway/server";
import { AdminClient, TEST_ADMIN_TOKEN } from "./admin-client";

export interface TestGateway {
  gateway: RunningGateway;
  admin: AdminClient;
  proxyUrl: string;
  dataDir: string;
  /** Access-log lines written so far (flushed on read). */
  accessLines: () => Record<string, unknown>[];
  /** The same lines unparsed, for stages with a format of their own (CLF, XML, CSV). */
  rawAccessLines: () => string[];
  close(): Promise<void>;
}

/** A gateway in this process on ephemeral ports, with a fresh data folder and a captured access log. */
export async function startTestGateway(options: Partial<StartGatewayOptions> = {}): Promise<TestGateway> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "portico-gateway-test-")));
  let captured = "";
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      captured += chunk.toString();
      done();
    },
  });
  const accessLog = createJsonAccessLog(sink);
  const gateway = await startGateway({
    port: 0,
    host: "127.0.0.1",
    adminPort: 0,
    adminToken: TEST_ADMIN_TOKEN,
    dataDir,
    logger: silentLogger,
    accessLog,
    ...options,
  });
  return {
    gateway,
    admin: new AdminClient(gateway.adminUrl),
    proxyUrl: gateway.proxyUrl,
    dataDir,
    rawAccessLines: () => {
      accessLog.flush();
      return captured.split("\n").filter((line) => line !== "");
    },
    accessLines: () => {
      accessLog.flush();
      return captured
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    async close() {
      await gateway.close();
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
