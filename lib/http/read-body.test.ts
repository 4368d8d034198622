import { describe, expect, it } from "vitest";

import { ApiError } from "@/lib/errors/api-error";

import { describeByteLimit, readBodyText } from "./read-body";

function streamed(chunks: Uint8Array[], onPull?: () => void): Request {
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      const chunk = chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
  return new Request("http://localhost/api/v1/x", { method: "POST", body, duplex: "half" } as RequestInit);
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe("readBodyText", () => {
  it("counts bytes, not characters: 4 characters of 3 bytes each are over a 10-byte limit", async () => {
    const text = "€€€€";
    expect(text.length).toBe(4);
    const error = await refusal(readBodyText(new Request("http://localhost/x", { method: "POST", body: text }), { limitBytes: 10 }));
    expect(error.status).toBe(413);
    expect(error.code).toBe("payload_too_large");
    expect(error.message).toBe("The request body is larger than 10 bytes; send a smaller one");
  });

  it("accepts a body of exactly the limit and decodes characters split across chunks", async () => {
    const bytes = new TextEncoder().encode("a€b");
    const request = streamed([bytes.slice(0, 2), bytes.slice(2)]);
    await expect(readBodyText(request, { limitBytes: bytes.byteLength })).resolves.toBe("a€b");
  });

  it("stops reading a stream without a length as soon as it passes the limit", async () => {
    let pulls = 0;
    const chunk = new Uint8Array(1024);
    const request = streamed(
      Array.from({ length: 100 }, () => chunk),
      () => pulls++,
    );
    const error = await refusal(readBodyText(request, { limitBytes: 4096, what: "The file", advice: "split it" }));
    expect(error.message).toBe("The file is larger than 4 KiB; split it");
    expect(pulls).toBeLessThan(10);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const request = new Request("http://localhost/x", {
      method: "POST",
      body: "{}",
      headers: { "content-length": String(2 * 1024 * 1024) },
    });
    expect((await refusal(readBodyText(request))).message).toContain("larger than 1 MiB");
    expect(request.bodyUsed).toBe(false);
  });

  it("reads a missing body as empty text", async () => {
    await expect(readBodyText(new Request("http://localhost/x", { method: "POST" }))).resolves.toBe("");
  });
});

describe("describeByteLimit", () => {
  it("names the limit in the largest whole unit", () => {
    expect(describeByteLimit(20 * 1024 * 1024)).toBe("20 MiB");
    expect(describeByteLimit(1536)).toBe("1536 bytes");
    expect(describeByteLimit(512 * 1024)).toBe("512 KiB");
  });
});
