import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * What a test function does with an event:
 * - return a value: the function's result (serialised as JSON, or sent as is when a Buffer)
 * - throw: an unhandled function error, answered as Lambda does (200, X-Amz-Function-Error: Unhandled,
 *   `{errorMessage, errorType}`)
 */
export type TestFunction = (event: unknown, context: { functionName: string; headers: IncomingMessage["headers"] }) => unknown;

export interface InvokeServer {
  /** The endpoint to give the SDK (AWS_ENDPOINT_URL_LAMBDA) or LambdaInvoker's `endpoint`. */
  readonly endpoint: string;
  /** Registers (or replaces) a function by name. */
  define(name: string, fn: TestFunction): void;
  /** Invocations of a function so far (by name as sent, qualifier removed). */
  invocations(name: string): number;
  /** Every event received by a function, in order. */
  events(name: string): unknown[];
  /** The Authorization header of the last invocation (SigV4 proves the SDK signed it). */
  lastAuthorization(): string | undefined;
  close(): Promise<void>;
}

/** Waits `ms` milliseconds: a function that sleeps past the caller's timeout. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A function result sent as raw bytes instead of JSON: garbage, binary, text. */
export class RawResult {
  constructor(readonly body: Buffer | string) {}
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

function functionNameOf(raw: string): string {
  const decoded = decodeURIComponent(raw);
  // arn:aws:lambda:region:account:function:name[:qualifier] or name[:qualifier]
  const arn = /^arn:[^:]+:lambda:[^:]+:\d+:function:([^:]+)/.exec(decoded);
  return arn ? arn[1] : decoded.split(":")[0];
}

/**
 * A server speaking the Lambda Invoke API (POST /2015-03-31/functions/{name}/invocations),
 * for tests of everything that calls Lambda functions. Unknown functions get
 * Lambda's 404 ResourceNotFoundException. POSTs to `/url/{name}` reach the same
 * functions as plain HTTP endpoints (the URL-target extension).
 */
export async function startInvokeServer(): Promise<InvokeServer> {
  const functions = new Map<string, TestFunction>();
  const counts = new Map<string, number>();
  const received = new Map<string, unknown[]>();
  const sockets = new Set<Socket>();
  let authorization: string | undefined;

  function reply(res: ServerResponse, status: number, body: Buffer | string, headers: Record<string, string> = {}): void {
    if (res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? "/";
    const invoke = INVOKE_PATH.exec(url);
    const plain = /^\/url\/([^/?]+)/.exec(url);
    if (req.method !== "POST" || (invoke === null && plain === null)) {
      reply(res, 404, JSON.stringify({ message: `no route for ${req.method} ${url}` }));
      return;
    }
    const name = functionNameOf((invoke ?? plain)![1]);
    if (invoke) authorization = req.headers.authorization;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const fn = functions.get(name);
    if (fn === undefined) {
      reply(res, 404, JSON.stringify({ Type: "User", message: `Function not found: ${name}` }), {
        "x-amzn-errortype": "ResourceNotFoundException",
      });
      return;
    }
    counts.set(name, (counts.get(name) ?? 0) + 1);
    const text = Buffer.concat(chunks).toString("utf8");
    let event: unknown;
    try {
      event = text === "" ? null : JSON.parse(text);
    } catch {
      event = text;
    }
    (received.get(name) ?? received.set(name, []).get(name)!).push(event);
    try {
      const result = await fn(event, { functionName: name, headers: req.headers });
      if (result instanceof RawResult) reply(res, 200, result.body, { "content-type": "application/octet-stream" });
      else reply(res, 200, result === undefined ? "null" : JSON.stringify(result));
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      const payload = JSON.stringify({ errorMessage: failure.message, errorType: failure.name, stackTrace: [] });
      if (invoke) reply(res, 200, payload, { "x-amz-function-error": "Unhandled" });
      else reply(res, 500, payload);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => reply(res, 500, JSON.stringify({ message: String(error) })));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    define: (name, fn) => void functions.set(name, fn),
    invocations: (name) => counts.get(name) ?? 0,
    events: (name) => received.get(name) ?? [],
    lastAuthorization: () => authorization,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
