/**
 * The Node peer: fastify 5 with @fastify/reply-from forwarding every request
 * to the upstream, as a typical hand-rolled Node gateway would.
 * Usage: node --import tsx bench/targets/fastify-proxy.ts <port> <upstreamPort>
 */
import Fastify from "fastify";
import replyFrom from "@fastify/reply-from";

const port = Number(process.argv[2] ?? 0);
const upstreamPort = Number(process.argv[3]);

const app = Fastify({ logger: false });
await app.register(replyFrom, { base: `http://127.0.0.1:${upstreamPort}` });
app.all("/*", (request, reply) => {
  reply.from(request.url);
});
await app.listen({ port, host: "127.0.0.1" });
const address = app.server.address();
console.log(`READY ${JSON.stringify({ port: typeof address === "object" && address ? address.port : port })}`);
process.on("SIGTERM", () => {
  void app.close().then(() => process.exit(0));
});
