// Keeps one child process of `npm start` running: when it exits without
// being asked to, it is started again after a delay that doubles with each
// exit in a row (up to a ceiling) and is forgotten once the child has run
// for a while. Each exit and restart is logged. The other children are not
// touched: the gateway keeps serving while the console is restarted.

import type { ChildProcess } from "node:child_process";

export interface RestartPolicy {
  /** Wait before the first restart. */
  initialDelayMs: number;
  /** The longest wait between two restarts. */
  maxDelayMs: number;
  /** A child that ran this long before exiting counts as healthy: the next wait starts from initialDelayMs again. */
  healthyAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialDelayMs: 1_000, maxDelayMs: 30_000, healthyAfterMs: 60_000 };

export interface Supervisor {
  readonly label: string;
  /** The child running now (the latest one started). */
  current(): ChildProcess;
  /** How many times the child was started again. */
  restarts(): number;
  /** Stops the child and any restart planned; resolves once it exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface SuperviseOptions {
  label: string;
  /** Starts the child; called again for each restart. */
  start: () => ChildProcess;
  log: (message: string) => void;
  policy?: RestartPolicy;
  /** Told after each (re)start, e.g. to record the new process id. */
  onStart?: (child: ChildProcess) => void;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal !== null ? `signal ${signal}` : `exit code ${code}`;
}

export function supervise(options: SuperviseOptions): Supervisor {
  const policy = options.policy ?? DEFAULT_RESTART_POLICY;
  let stopping = false;
  let restarts = 0;
  let delayMs = policy.initialDelayMs;
  let timer: NodeJS.Timeout | null = null;
  let child: ChildProcess;
  let exited: Promise<void>;

  function launch(): void {
    const startedAt = Date.now();
    child = options.start();
    const running = child;
    exited = new Promise<void>((resolve) => {
      let done = false;
      const onEnd = (reason: string): void => {
        if (done) return;
        done = true;
        resolve();
        if (stopping) return;
        if (Date.now() - startedAt >= policy.healthyAfterMs) delayMs = policy.initialDelayMs;
        options.log(`${options.label} ${reason}; starting it again in ${(delayMs / 1000).toFixed(1)} s (restart ${restarts + 1}).`);
        timer = setTimeout(() => {
          timer = null;
          if (stopping) return;
          restarts += 1;
          launch();
        }, delayMs);
        delayMs = Math.min(policy.maxDelayMs, delayMs * 2);
      };
      running.once("exit", (code, signal) => onEnd(`exited unexpectedly (${describeExit(code, signal)})`));
      running.once("error", (error) => onEnd(`could not be started (${error.message})`));
    });
    options.onStart?.(running);
  }

  launch();
  return {
    label: options.label,
    current: () => child,
    restarts: () => restarts,
    async stop(signal = "SIGTERM") {
      stopping = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
