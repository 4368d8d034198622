import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import * as heartbeatRoute from "@/app/api/v1/gateway/heartbeat/route";
import * as registerRoute from "@/app/api/v1/gateway/register/route";
import * as stateRoute from "@/app/api/v1/gateway/state/route";

type Handler = (request: Request, context: { params: Promise<Record<string, never>> }) => Promise<Response>;

const ROUTES: Record<string, Handler> = {
  "POST /api/v1/gateway/register": registerRoute.POST,
  "POST /api/v1/gateway/heartbeat": heartbeatRoute.POST,
  "GET /api/v1/gateway/state": stateRoute.GET,
};

/**
 * The console's gateway-facing endpoints over real HTTP, served by the same
 * route handlers Next.js runs, so gateway processes in tests can register
 * and pull from this test process's database.
 */
export async function startConsoleServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const handler = ROUTES[`${req.method} ${url.pathname}`];
      if (handler === undefined) {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      handler(new Request(url, { method: req.method, headers, body }), { params: Promise.resolve({}) })
        .then(async (response) => {
          res.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "application/json" });
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch(() => res.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
