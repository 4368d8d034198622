import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

export interface EventLoopWindow {
  /** Milliseconds the window lasted. */
  windowMs: number;
  /** The longest the event loop was held at once in the window: what the slowest request waited for at worst. */
  maxBlockMs: number;
  p99DelayMs: number;
  meanDelayMs: number;
}

/**
 * How long this process's event loop was held, read in windows (the
 * admin API's `POST /v1/event-loop/window`; bench:swap reads one per kind
 * of push). perf_hooks samples the loop with a 1 ms timer and records how
 * late each tick ran, so the window's maximum is its longest single block.
 * The timer costs a wake-up per millisecond, so it starts with the first
 * window asked for, not with the process.
 */
export class EventLoopWatch {
  private histogram: IntervalHistogram | null = null;
  private windowStart = 0;

  /** The window since the previous call (or since this first call, empty), and the start of the next. */
  window(): EventLoopWindow {
    const now = performance.now();
    if (this.histogram === null) {
      this.histogram = monitorEventLoopDelay({ resolution: 1 });
      this.histogram.enable();
      this.windowStart = now;
      return { windowMs: 0, maxBlockMs: 0, p99DelayMs: 0, meanDelayMs: 0 };
    }
    const h = this.histogram;
    const empty = h.count === 0;
    const result: EventLoopWindow = {
      windowMs: round(now - this.windowStart),
      maxBlockMs: empty ? 0 : round(h.max / 1e6),
      p99DelayMs: empty ? 0 : round(h.percentile(99) / 1e6),
      meanDelayMs: empty ? 0 : round(h.mean / 1e6),
    };
    h.reset();
    this.windowStart = now;
    return result;
  }

  close(): void {
    this.histogram?.disable();
    this.histogram = null;
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
