import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

export interface EventLoopWindow {
  /** Milliseconds the window lasted. */
  windowMs: number;
  /** The longest the event loop was held at once in the window: what the slowest request waited for at worst. */
  maxBlockMs: number;
  /**
   * The most CPU time the process used between two turns of the loop: the
   * longest block of work itself. On a machine shared with other work the
   * wall-clock block also counts the time the operating system ran other
   * processes; this does not (it may count the process's other threads).
   */
  maxBlockCpuMs: number;
  p99DelayMs: number;
  meanDelayMs: number;
}

const TICK_MS = 1;

/**
 * How long this process's event loop was held, read in windows (the
 * admin API's `POST /v1/event-loop/window`; bench:swap reads one per push).
 * perf_hooks samples the loop with a 1 ms timer and records how late each
 * tick ran, so the window's maximum is its longest single block; a timer of
 * our own reads the process's CPU time at each turn for the work's share.
 * Both wake the process every millisecond, so they start with the first
 * window asked for, not with the process.
 */
export class EventLoopWatch {
  private histogram: IntervalHistogram | null = null;
  private ticker: NodeJS.Timeout | null = null;
  private windowStart = 0;
  private lastCpu: NodeJS.CpuUsage = process.cpuUsage();
  private maxCpuUs = 0;

  /** The window since the previous call (or since this first call, empty), and the start of the next. */
  window(): EventLoopWindow {
    const now = performance.now();
    if (this.histogram === null) {
      this.histogram = monitorEventLoopDelay({ resolution: TICK_MS });
      this.histogram.enable();
      this.lastCpu = process.cpuUsage();
      this.ticker = setInterval(() => this.tick(), TICK_MS);
      this.ticker.unref();
      this.windowStart = now;
      return { windowMs: 0, maxBlockMs: 0, maxBlockCpuMs: 0, p99DelayMs: 0, meanDelayMs: 0 };
    }
    this.tick();
    const h = this.histogram;
    const empty = h.count === 0;
    const result: EventLoopWindow = {
      windowMs: round(now - this.windowStart),
      maxBlockMs: empty ? 0 : round(h.max / 1e6),
      maxBlockCpuMs: round(this.maxCpuUs / 1000),
      p99DelayMs: empty ? 0 : round(h.percentile(99) / 1e6),
      meanDelayMs: empty ? 0 : round(h.mean / 1e6),
    };
    h.reset();
    this.maxCpuUs = 0;
    this.windowStart = now;
    return result;
  }

  close(): void {
    this.histogram?.disable();
    this.histogram = null;
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
  }

  private tick(): void {
    const used = process.cpuUsage(this.lastCpu);
    this.lastCpu = process.cpuUsage();
    const cpuUs = used.user + used.system;
    if (cpuUs > this.maxCpuUs) this.maxCpuUs = cpuUs;
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
