import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** Raised when a client sends more than the body limit; the request is answered 413. */
export class BodyTooLargeError extends Error {
  readonly code = "BODY_TOO_LARGE";
  constructor(limit: number) {
    super(`Request body exceeds ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/** Declared Content-Length, or -1 when the body is chunked or absent. */
export function declaredLength(req: IncomingMessage): number {
  const header = req.headers["content-length"];
  if (header === undefined) return -1;
  const length = Number(header);
  return Number.isFinite(length) ? length : -1;
}

/** True when the request carries a body (fixed length > 0 or chunked). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  if (length !== undefined) return length !== "0";
  return req.headers["transfer-encoding"] !== undefined;
}

/**
 * Reads the whole body, refusing as soon as it passes `limit` bytes: never
 * more than the limit is held in memory.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (declaredLength(req) > limit) {
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => {
      cleanup();
      reject(new Error("Client closed the connection before sending the whole body"));
    };
    function cleanup(): void {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    }
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}

/**
 * Streams the body through, failing with BodyTooLargeError once it passes
 * `limit`: used for chunked uploads whose size is unknown up front.
 */
export async function* limitBody(req: IncomingMessage, limit: number): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new BodyTooLargeError(limit);
    yield buffer;
  }
}

/** How long a closing connection keeps reading what the client still sends (nginx's lingering_timeout). */
export const LINGER_MS = 5_000;

/**
 * Makes the connection of an answer sent before the request body was read
 * (a 413) close the way nginx's lingering close does: the answer goes out
 * and the write side is shut, then whatever the client is still sending is
 * read and dropped until it closes its side, for LINGER_MS at most. Closing
 * the socket at once would make the kernel answer the unread bytes with a
 * reset, and most clients would then report the reset instead of the 413.
 *
 * node:http ends such a connection by calling the socket's destroySoon()
 * once the response is written; this replaces it for this one socket.
 */
export function lingerBeforeClose(res: ServerResponse): void {
  const socket = res.socket;
  if (socket === null || socket.destroyed) return;
  socket.destroySoon = function lingeringClose(this: Socket): void {
    // node:http's parser goes on reading the request it already gave up on, and drops its body.
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    const close = (): void => {
      clearTimeout(timer);
      this.destroy();
    };
    this.once("end", close);
    this.once("error", close);
    this.end();
  };
}
