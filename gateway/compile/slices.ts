/**
 * Long compile work (thousands of routes) written once, as a generator that
 * yields between small units (a route, a tree), and run either at once or
 * in slices that hand the event loop back to the proxy.
 *
 * A push of a large all-new snapshot costs over 100 ms of CPU. Run in one
 * pass it would hold every request for that long; in slices of a few
 * milliseconds, requests are served between them and no single pause
 * lasts longer than one slice plus one unit.
 */
import { runToEnd, type Sliced } from "@/lib/contracts/steps";

export { runToEnd, type Sliced };

/** Longest stretch of work before the event loop is handed back. */
export const DEFAULT_SLICE_MS = 5;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs the work, yielding to the event loop (setImmediate: after the I/O
 * that is waiting, so requests are answered in between) whenever a slice
 * has run for `sliceMs`.
 */
export async function runInSlices<T>(work: Sliced<T>, sliceMs = DEFAULT_SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = work.next();
    if (step.done === true) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
