import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { request } from "undici";
import { describeLambdaTarget, type LambdaTarget } from "@/lib/contracts/lambda-target";

// The one place the gateway calls Lambda functions, for Lambda integrations
// and Lambda authorizers alike: the Invoke API through the AWS SDK (SigV4,
// the SDK's credential chain and region, AWS_ENDPOINT_URL_LAMBDA for
// LocalStack, the runtime emulator or any Invoke-compatible service), or a
// plain HTTP(S) URL that receives the same event.

/** A synchronous invocation's largest response, as Lambda's own limit (6 MB) with room for framing. */
const MAX_RESULT_BYTES = 6 * 1024 * 1024 + 64 * 1024;

export interface LambdaInvocation {
  readonly target: LambdaTarget;
  /** The event, already serialised. */
  readonly payload: string;
  readonly timeoutMs: number;
}

export interface LambdaResult {
  /** What the function returned, as bytes (usually JSON). */
  readonly payload: Buffer;
  /** Lambda's X-Amz-Function-Error ("Unhandled", "Handled"): the function failed and the payload describes it. */
  readonly functionError: string | null;
}

export type LambdaFailureKind = "timeout" | "failure";

/** The invocation itself failed: no answer in time, or the service refused or could not be reached. */
export class LambdaInvokeError extends Error {
  constructor(
    readonly kind: LambdaFailureKind,
    message: string,
  ) {
    super(message);
  }
}

export interface LambdaInvokerOptions {
  /** Overrides AWS_ENDPOINT_URL_LAMBDA / the SDK's endpoint resolution (tests, LocalStack). */
  readonly endpoint?: string;
}

/** Invokes functions; one per gateway process, so SDK clients and their connections are shared. */
export class LambdaInvoker {
  private readonly clients = new Map<string, LambdaClient>();

  constructor(private readonly options: LambdaInvokerOptions = {}) {}

  async invoke(invocation: LambdaInvocation): Promise<LambdaResult> {
    const { target } = invocation;
    const signal = AbortSignal.timeout(Math.max(1, invocation.timeoutMs));
    try {
      return target.kind === "url"
        ? await this.invokeUrl(target.url, invocation.payload, signal)
        : await this.invokeFunction(target.functionName, target.region, invocation.payload, signal);
    } catch (error) {
      if (error instanceof LambdaInvokeError) throw error;
      if (signal.aborted) {
        throw new LambdaInvokeError("timeout", `${describeLambdaTarget(target)} did not answer within ${invocation.timeoutMs} ms`);
      }
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new LambdaInvokeError("failure", `invoking ${describeLambdaTarget(target)} failed: ${reason}`);
    }
  }

  private client(region: string | null): LambdaClient {
    const key = region ?? "";
    let client = this.clients.get(key);
    if (client === undefined) {
      client = new LambdaClient({
        ...(region !== null ? { region } : {}),
        ...(this.options.endpoint !== undefined ? { endpoint: this.options.endpoint } : {}),
        // The integration's timeout bounds the call; a retry would run the function twice.
        maxAttempts: 1,
      });
      this.clients.set(key, client);
    }
    return client;
  }

  private async invokeFunction(functionName: string, region: string | null, payload: string, signal: AbortSignal): Promise<LambdaResult> {
    const output = await this.client(region).send(
      new InvokeCommand({ FunctionName: functionName, InvocationType: "RequestResponse", Payload: Buffer.from(payload) }),
      { abortSignal: signal },
    );
    const bytes = output.Payload ?? new Uint8Array();
    return { payload: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), functionError: output.FunctionError ?? null };
  }

  private async invokeUrl(url: string, payload: string, signal: AbortSignal): Promise<LambdaResult> {
    const response = await request(url, {
      method: "POST",
      body: payload,
      headers: { "content-type": "application/json" },
      signal,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_RESULT_BYTES) {
        response.body.destroy();
        throw new LambdaInvokeError("failure", `${url} answered more than ${MAX_RESULT_BYTES} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    const declared = response.headers["x-amz-function-error"];
    const functionError = typeof declared === "string" ? declared : response.statusCode >= 400 ? "Unhandled" : null;
    return { payload: body, functionError };
  }

  close(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
