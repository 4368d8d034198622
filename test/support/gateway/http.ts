import { Agent, request } from "undici";

export interface CallResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => unknown;
}

const agent = new Agent({ keepAliveTimeout: 1_000 });

/** One HTTP call through a keep-alive agent; never throws on error statuses. */
export async function call(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<CallResult> {
  const response = await request(new URL(path, baseUrl), {
    method: (options.method ?? "GET") as "GET",
    headers: options.headers,
    body: options.body,
    dispatcher: agent,
  });
  const text = await response.body.text();
  return {
    status: response.statusCode,
    headers: response.headers,
    text,
    json: () => JSON.parse(text) as unknown,
  };
}
