/**
 * The Node.js floor: node:http and undici forwarding every request to the
 * upstream with nothing else: no routing, keys, limits, metrics or logs.
 * It streams the response with its status and headers, as any proxy must.
 * What it reaches is the ceiling of any gateway written for Node.js on
 * the same machine; the gateway's distance to it is what its features cost.
 * Usage: node --import tsx bench/targets/node-proxy.ts <port> <upstreamPort>
 */
import { createServer } from "node:http";
import { Pool, type Dispatcher } from "undici";

const port = Number(process.argv[2] ?? 0);
const upstreamPort = Number(process.argv[3]);
const pool = new Pool(`http://127.0.0.1:${upstreamPort}`, { connections: 128 });

const server = createServer((req, res) => {
  const handler: Dispatcher.DispatchHandler = {
    onConnect() {},
    onError() {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    },
    onHeaders(statusCode, raw) {
      const headers: string[] = [];
      for (let i = 0; i < raw.length; i += 2) {
        const name = raw[i].toString("latin1");
        if (name.toLowerCase() === "connection") continue;
        headers.push(name, raw[i + 1].toString("latin1"));
      }
      res.writeHead(statusCode, headers);
      return true;
    },
    onData(chunk) {
      return res.write(chunk);
    },
    onComplete() {
      res.end();
    },
  };
  pool.dispatch(
    { method: req.method as Dispatcher.HttpMethod, path: req.url ?? "/", headers: { host: `127.0.0.1:${upstreamPort}` } },
    handler,
  );
});

server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(`READY ${JSON.stringify({ port: typeof address === "object" && address ? address.port : port })}`);
});
process.on("SIGTERM", () => {
  server.close();
  void pool.close().then(() => process.exit(0));
});
