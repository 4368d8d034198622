export const TEST_ADMIN_TOKEN = "test-admin-token-0123456789-abcdef";

export interface AdminResponse {
  status: number;
  body: unknown;
}

/** Small client for the gateway's admin API. */
export class AdminClient {
  constructor(
    readonly adminUrl: string,
    private readonly token = TEST_ADMIN_TOKEN,
  ) {}

  async request(method: string, path: string, body?: unknown, token: string | null = this.token): Promise<AdminResponse> {
    const headers: Record<string, string> = {};
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(new URL(path, this.adminUrl), {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Plain text (metrics).
    }
    return { status: response.status, body: parsed };
  }

  putStage(apiId: string, stage: string, snapshot: unknown): Promise<AdminResponse> {
    return this.request("PUT", `/v1/apis/${apiId}/stages/${stage}`, snapshot);
  }

  putConsumers(doc: unknown): Promise<AdminResponse> {
    return this.request("PUT", "/v1/consumers", doc);
  }

  /** Like putStage, but throws unless the gateway applied it (or already had it). */
  async applyStage(apiId: string, stage: string, snapshot: unknown): Promise<string> {
    const response = await this.putStage(apiId, stage, snapshot);
    if (response.status !== 200) throw new Error(`PUT stage answered ${response.status}: ${JSON.stringify(response.body)}`);
    return (response.body as { hash: string }).hash;
  }

  async applyConsumers(doc: unknown): Promise<string> {
    const response = await this.putConsumers(doc);
    if (response.status !== 200) throw new Error(`PUT consumers answered ${response.status}: ${JSON.stringify(response.body)}`);
    return (response.body as { hash: string }).hash;
  }
}
