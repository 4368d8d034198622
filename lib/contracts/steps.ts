/**
 * Long work (thousands of routes) written once, as a generator that yields
 * between small units, and run either at once (`runToEnd`) or in slices
 * that hand the event loop back between them (the gateway's
 * `runInSlices`).
 */
export type Sliced<T> = Generator<void, T, void>;

/** Runs the work to its end without yielding. */
export function runToEnd<T>(work: Sliced<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done === true) return step.value;
  }
}
