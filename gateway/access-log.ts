import type { RequestContext } from "./pipeline";
import type { RotatingFile } from "./log-file";

export interface AccessLog {
  write(ctx: RequestContext, status: number, totalMs: number): void;
  flush(): void;
}

/** Logging disabled (GATEWAY_LOG=off). */
export const silentAccessLog: AccessLog = { write() {}, flush() {} };

const FLUSH_BYTES = 64 * 1024;
const FLUSH_INTERVAL_MS = 200;

/** Where lines end up: a stream (stdout) or a rotated file. */
type LineSink = { write(chunk: string): unknown };

/**
 * Lines batched and written at most every 200 ms (or per 64 KB): a write
 * per request would cost a system call each.
 */
class BatchedLines {
  private buffer = "";
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly sink: LineSink) {}

  add(line: string): void {
    this.buffer += line + "\n";
    if (this.buffer.length >= FLUSH_BYTES) this.flush();
    else if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
      this.timer.unref();
    }
  }

  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.buffer === "") return;
    const chunk = this.buffer;
    this.buffer = "";
    this.sink.write(chunk);
  }
}

/** The default line of a stage without an access-log format. The key's id is logged, never the key. */
function jsonLine(ctx: RequestContext, status: number, totalMs: number): string {
  const stage = ctx.stage;
  return JSON.stringify({
    time: new Date().toISOString(),
    requestId: ctx.requestId,
    api: stage !== null ? stage.apiId : null,
    stage: stage !== null ? stage.stage : null,
    deployment: ctx.deployment !== null ? ctx.deployment.deploymentId : null,
    route: ctx.route !== null ? ctx.route.key : null,
    method: ctx.req.method,
    path: ctx.path,
    keyId: ctx.key !== null ? ctx.key.id : null,
    status,
    error: ctx.errorCode === "" ? null : ctx.errorCode,
    denialReason: ctx.denialReason === "" ? null : ctx.denialReason,
    upstreamMs: ctx.upstreamMs >= 0 ? Math.round(ctx.upstreamMs * 1000) / 1000 : null,
    totalMs: Math.round(totalMs * 1000) / 1000,
  });
}

export interface AccessLogOptions {
  /** The stream lines go to when there is no file (stdout by default). */
  out?: NodeJS.WritableStream;
  /** The node's access-log file (GATEWAY_ACCESS_LOG_FILE); when set, lines go there unless a stage asks for stdout. */
  file?: RotatingFile | null;
}

/**
 * One line per request: a stage's own format (its `accessLogSettings`,
 * compiled with the snapshot) or, without one, the JSON line above, on
 * stdout or in the node's rotated file.
 */
export function createAccessLog(options: AccessLogOptions = {}): AccessLog {
  const stdout = new BatchedLines(options.out ?? process.stdout);
  const file = options.file ? new BatchedLines(options.file) : null;
  const fallback = file ?? stdout;

  return {
    write(ctx, status, totalMs) {
      const format = ctx.stage !== null ? ctx.stage.accessLog : null;
      if (format === null) {
        fallback.add(jsonLine(ctx, status, totalMs));
        return;
      }
      const target = format.destination === "stdout" ? stdout : fallback;
      let line: string;
      try {
        line = format.render({ ctx, status, totalMs, now: Date.now() });
      } catch {
        // A line that cannot be rendered must never fail the request it describes: the default line stands in.
        line = jsonLine(ctx, status, totalMs);
      }
      target.add(line);
    },
    flush() {
      stdout.flush();
      file?.flush();
    },
  };
}

/** JSON lines (or stage formats) on one stream: what tests and embedders capture. */
export function createJsonAccessLog(out: NodeJS.WritableStream = process.stdout): AccessLog {
  return createAccessLog({ out });
}
