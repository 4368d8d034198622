import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLargeError, readBody } from "../body";
import type { UpdateOutcome } from "./config-service";

// How the admin API answers: JSON bodies, the one error shape, and the
// outcome of a push.

/** Snapshots of large APIs run to megabytes; this bounds what one push may hold in memory. */
const MAX_ADMIN_BODY_BYTES = 64 * 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { "content-type": "application/json", "content-length": payload.length, "cache-control": "no-store" });
  res.end(payload);
}

export function sendAdminError(res: ServerResponse, status: number, code: string, message: string, details?: unknown): void {
  sendJson(res, status, { error: details === undefined ? { code, message } : { code, message, details } });
}

export function sendOutcome(res: ServerResponse, outcome: UpdateOutcome): void {
  if (outcome.ok) {
    sendJson(res, 200, { status: outcome.status, hash: outcome.hash });
    return;
  }
  switch (outcome.status) {
    case "invalid":
      sendAdminError(
        res,
        400,
        "invalid_document",
        `${outcome.message} Fix the listed fields and push again; the gateway keeps serving its current configuration.`,
        outcome.issues,
      );
      return;
    case "not_found":
      sendAdminError(res, 404, "not_found", outcome.message);
      return;
    case "failed":
      sendAdminError(res, 500, "persist_failed", outcome.message);
      return;
  }
}

export async function readJson(req: IncomingMessage, res: ServerResponse): Promise<{ ok: true; value: unknown } | { ok: false }> {
  let body: Buffer;
  try {
    body = await readBody(req, MAX_ADMIN_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) sendAdminError(res, 413, "too_large", `The document exceeds ${MAX_ADMIN_BODY_BYTES} bytes.`);
    else sendAdminError(res, 400, "bad_request", "The request body could not be read.");
    return { ok: false };
  }
  try {
    return { ok: true, value: JSON.parse(body.toString("utf8")) };
  } catch (error) {
    sendAdminError(
      res,
      400,
      "invalid_json",
      `The body is not valid JSON (${(error as Error).message}); send the document as application/json.`,
    );
    return { ok: false };
  }
}
