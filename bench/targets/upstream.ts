/**
 * Upstream for the benchmarks when nginx is not installed: node:http
 * answering every request with the same small JSON body.
 * Usage: node --import tsx bench/targets/upstream.ts <port>
 */
import { createServer } from "node:http";
import { UPSTREAM_BODY } from "../lib/upstream-body";

const port = Number(process.argv[2] ?? 0);
const body = Buffer.from(UPSTREAM_BODY);
const server = createServer((req, res) => {
  // Drain any request body so keep-alive connections stay usable.
  req.resume();
  res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
  res.end(body);
});
server.keepAliveTimeout = 75_000;
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(`READY ${JSON.stringify({ port: typeof address === "object" && address ? address.port : port })}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
