import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface EchoBody {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  bodyBytes: number;
  bodySha256: string;
}

export interface TestUpstream {
  url: string;
  origin: string;
  /** Requests received so far, by path prefix (e.g. "/hang"). */
  received: (prefix: string) => number;
  /** Requests whose client (the gateway) closed before the response finished. */
  abandoned: () => number;
  close(): Promise<void>;
}

/**
 * A real HTTP upstream for tests:
 * - `/hang/...`: never answers (timeouts, client aborts)
 * - `/reset/...`: destroys the socket without an answer
 * - `/slow/<ms>/...`: answers after <ms> milliseconds
 * - `/status/<code>/...`: answers that status
 * - `/big/<megabytes>`: streams that many megabytes, respecting backpressure
 * - anything else: echoes method, URL, headers and a digest of the body
 */
export async function startUpstream(): Promise<TestUpstream> {
  const counts = new Map<string, number>();
  let abandoned = 0;
  const sockets = new Set<import("node:net").Socket>();

  function echo(req: IncomingMessage, res: ServerResponse, status = 200): void {
    const hash = createHash("sha256");
    let bytes = 0;
    req.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      hash.update(chunk);
    });
    req.on("end", () => {
      const body: EchoBody = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        bodyBytes: bytes,
        bodySha256: hash.digest("hex"),
      };
      const payload = JSON.stringify(body);
      res.writeHead(status, {
        "content-type": "application/json",
        "x-upstream": "yes",
        "keep-alive": "timeout=7",
        "set-cookie": ["a=1", "b=2"],
      });
      res.end(payload);
    });
  }

  const server: Server = createServer((req, res) => {
    const url = req.url ?? "/";
    const first = url.split("/")[1] ?? "";
    counts.set(`/${first}`, (counts.get(`/${first}`) ?? 0) + 1);
    res.on("close", () => {
      if (!res.writableFinished) abandoned += 1;
    });
    if (first === "hang") {
      req.resume();
      return;
    }
    if (first === "reset") {
      req.socket.destroy();
      return;
    }
    if (first === "slow") {
      const ms = Number(url.split("/")[2] ?? "0");
      const timer = setTimeout(() => echo(req, res), ms);
      res.on("close", () => clearTimeout(timer));
      return;
    }
    if (first === "big") {
      let left = Number(url.split("/")[2] ?? "1");
      const chunk = Buffer.alloc(1024 * 1024, "z");
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(left * chunk.length) });
      const pump = (): void => {
        while (left > 0) {
          left -= 1;
          if (!res.write(chunk)) {
            res.once("drain", pump);
            return;
          }
        }
        res.end();
      };
      pump();
      return;
    }
    if (first === "status") {
      echo(req, res, Number(url.split("/")[2] ?? "200"));
      return;
    }
    echo(req, res);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    origin,
    received: (prefix) => counts.get(prefix) ?? 0,
    abandoned: () => abandoned,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
