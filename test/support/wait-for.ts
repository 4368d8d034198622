// The one way tests wait for something to happen elsewhere (another process,
// a server, the database): poll, return as soon as it holds, and on timeout
// fail with what was awaited and the last value seen.

export interface WaitForOptions<T> {
  /** What is awaited, for the failure message: "the old key to be refused". */
  what: string;
  /** When the wait is over; by default, once the value read is truthy. */
  until?: (value: T) => boolean;
  /** Default 10 s: the bound only matters on failure, waiting ends as soon as the condition holds. */
  timeoutMs?: number;
  /** Pause between reads; 0 reads again on the next turn of the event loop. Default 20 ms. */
  intervalMs?: number;
}

/** Reads until `until(value)` holds and returns that value (narrowed when `until` is a type guard). */
export async function waitFor<T, U extends T>(
  read: () => T | Promise<T>,
  options: WaitForOptions<T> & { until: (value: T) => value is U },
): Promise<U>;
export async function waitFor<T>(read: () => T | Promise<T>, options: WaitForOptions<T>): Promise<T>;
export async function waitFor<T>(read: () => T | Promise<T>, options: WaitForOptions<T>): Promise<T> {
  const { what, until = Boolean, timeoutMs = 10_000, intervalMs = 20 } = options;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (until(value)) return value;
    if (performance.now() >= deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last value: ${describe(value)})`);
    }
    await new Promise((resolve) => (intervalMs > 0 ? setTimeout(resolve, intervalMs) : setImmediate(resolve)));
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
