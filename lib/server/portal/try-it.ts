import "server-only";

import { ApiError, forbidden } from "@/lib/errors/api-error";
import { hashApiKeyValue, isWellFormedApiKey } from "@/lib/keys/api-key-format";
import type { TryItBody, TryItResultDto } from "@/lib/schemas/portal";
import { prisma, type Db } from "@/lib/server/db";
import { invokeUrl } from "@/lib/server/stages/stage-row";

import { findConsumerKeyByValue } from "./consumer-keys";
import { findListingOrThrow } from "./listings";

// The try-it panel's calls go from the console's server to the listed
// stage's invoke URL, not from the browser: the gateway answers with the
// API's own CORS policy, which rarely names the portal's origin. The call
// can only reach that one stage (the path cannot climb out of it), and only
// with a key of the signed-in consumer, so the portal is no open proxy.

const TIMEOUT_MS = 30_000;
const MAX_BODY_BYTES = 256 * 1024;
// Headers the server sets itself, or that would let the caller speak for someone else.
const DROPPED_HEADERS = new Set(["host", "cookie", "x-api-key", "content-length", "connection", "transfer-encoding", "x-forwarded-for"]);

export async function tryIt({ consumerId, input }: { consumerId: string; input: TryItBody }, db: Db = prisma): Promise<TryItResultDto> {
  const listing = await findListingOrThrow(input.listingId, db);
  if (!isWellFormedApiKey(input.apiKey))
    throw forbidden("That is not an API key of this portal; paste one of your keys as it was shown to you");
  const key = await findConsumerKeyByValue({ consumerId, keyHash: hashApiKeyValue(input.apiKey) }, db);
  if (key === null) throw forbidden("Try-it calls take one of your own keys; this key is not one of yours");

  const base = invokeUrl(listing.stage.api.id, listing.stage.name);
  const url = new URL(`${base}${input.path}${input.query ? `?${input.query.replace(/^\?/, "")}` : ""}`);
  if (!`${url.origin}${url.pathname}`.startsWith(`${base}/`) && `${url.origin}${url.pathname}` !== base) {
    throw forbidden("The path must stay inside the API's stage");
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(input.headers)) if (!DROPPED_HEADERS.has(name.toLowerCase())) headers.set(name, value);
  headers.set("x-api-key", input.apiKey);
  const hasBody = input.body !== undefined && input.method !== "GET" && input.method !== "HEAD";
  if (hasBody && !headers.has("content-type")) headers.set("content-type", "application/json");

  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(url, {
      method: input.method,
      headers,
      body: hasBody ? input.body : undefined,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new ApiError("bad_gateway", `The gateway did not answer (${cause}); try again, or tell the API's team`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const truncated = bytes.byteLength > MAX_BODY_BYTES;
  const answerHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") answerHeaders[name] = value;
  });
  return {
    status: response.status,
    headers: answerHeaders,
    body: new TextDecoder().decode(truncated ? bytes.subarray(0, MAX_BODY_BYTES) : bytes),
    truncated,
    ms: Math.round(performance.now() - started),
    url: url.toString(),
  };
}
