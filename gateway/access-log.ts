import type { RequestContext } from "./pipeline";

export interface AccessLog {
  write(ctx: RequestContext, status: number, totalMs: number): void;
  flush(): void;
}

/** Logging disabled (GATEWAY_LOG=off). */
export const silentAccessLog: AccessLog = { write() {}, flush() {} };

const FLUSH_BYTES = 64 * 1024;
const FLUSH_INTERVAL_MS = 200;

/**
 * One JSON line per request on stdout. Lines are batched and written at
 * most every 200 ms (or per 64 KB): a write per request would cost a
 * system call each. The key's id is logged, never the key.
 */
export function createJsonAccessLog(out: NodeJS.WritableStream = process.stdout): AccessLog {
  let buffer = "";
  let timer: NodeJS.Timeout | null = null;

  function flush(): void {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    if (buffer === "") return;
    const chunk = buffer;
    buffer = "";
    out.write(chunk);
  }

  return {
    write(ctx, status, totalMs) {
      const stage = ctx.stage;
      const line = JSON.stringify({
        time: new Date().toISOString(),
        requestId: ctx.requestId,
        api: stage !== null ? stage.apiId : null,
        stage: stage !== null ? stage.stage : null,
        deployment: ctx.deployment !== null ? ctx.deployment.deploymentId : null,
        route: ctx.route !== null ? ctx.route.id : null,
        method: ctx.req.method,
        path: ctx.path,
        keyId: ctx.key !== null ? ctx.key.id : null,
        status,
        error: ctx.errorCode === "" ? null : ctx.errorCode,
        denialReason: ctx.denialReason === "" ? null : ctx.denialReason,
        upstreamMs: ctx.upstreamMs >= 0 ? Math.round(ctx.upstreamMs * 1000) / 1000 : null,
        totalMs: Math.round(totalMs * 1000) / 1000,
      });
      buffer += line + "\n";
      if (buffer.length >= FLUSH_BYTES) flush();
      else if (timer === null) {
        timer = setTimeout(flush, FLUSH_INTERVAL_MS);
        timer.unref();
      }
    },
    flush,
  };
}
