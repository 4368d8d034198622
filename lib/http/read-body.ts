import { ApiError } from "@/lib/errors/api-error";

/** Large enough for big models and mock bodies; anything larger is a mistake or an attack. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type ReadBodyOptions = {
  /** Most bytes accepted, counted on the raw stream (before any decoding). */
  limitBytes?: number;
  /** What the body is, for the 413 message: "The request body", "The document", "The file". */
  what?: string;
  /** What the caller should do instead, for the 413 message. */
  advice?: string;
};

/** "1 MiB", "20 MiB", "512 KiB", "100 bytes": the limit in the words of the 413 message. */
export function describeByteLimit(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function tooLarge({ limitBytes = MAX_BODY_BYTES, what = "The request body", advice = "send a smaller one" }: ReadBodyOptions): ApiError {
  return new ApiError("payload_too_large", `${what} is larger than ${describeByteLimit(limitBytes)}; ${advice}`);
}

/**
 * Reads a request body as UTF-8 text, refusing it with 413 as soon as more
 * than `limitBytes` bytes arrived. The bytes are counted as they come off the
 * stream rather than after decoding, so the limit is what the client sent
 * (a character can take four bytes) and an oversized body is never held in
 * memory whole; a declared Content-Length over the limit is refused before
 * reading anything.
 */
export async function readBodyText(request: Request, options: ReadBodyOptions = {}): Promise<string> {
  const limitBytes = options.limitBytes ?? MAX_BODY_BYTES;
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(options);
  if (request.body === null) return "";

  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      // Stop the upload rather than draining the rest of it.
      await reader.cancel().catch(() => undefined);
      throw tooLarge(options);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join("");
}
