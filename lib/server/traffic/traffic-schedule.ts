import "server-only";

import { env } from "@/lib/env";

import { collectTraffic, type NodeCollection } from "./collect-traffic";
import { rollUpTraffic } from "./roll-up-traffic";

// Background collection in the console process: every METRICS_COLLECT_SECONDS
// it reads every node's aggregates, and every ROLL_UP_EVERY_MS it rolls old
// minutes up and deletes what is past the retention. Every replica runs it;
// the per-node leases and the roll-up lock keep them from doubling work or
// counts. Dashboards also ask for a collection when they read, so a fresh
// number never waits for the next round.

const ROLL_UP_EVERY_MS = 10 * 60_000;
/** A dashboard read triggers a collection unless one finished this recently. */
export const FRESH_ENOUGH_MS = 5_000;

let running: Promise<NodeCollection[]> | undefined;
let lastCollectedAt = 0;

/** One collection at a time per process; callers arriving during one share it. */
export function collectOnce(): Promise<NodeCollection[]> {
  running ??= collectTraffic()
    .then((outcomes) => {
      lastCollectedAt = Date.now();
      return outcomes;
    })
    .finally(() => {
      running = undefined;
    });
  return running;
}

/** Collects now unless a collection finished in the last FRESH_ENOUGH_MS; never throws (the data read is what there is). */
export async function ensureFreshTraffic(): Promise<void> {
  if (Date.now() - lastCollectedAt < FRESH_ENOUGH_MS) return;
  try {
    await collectOnce();
  } catch (error) {
    console.error("Could not collect traffic from the gateway nodes:", error);
  }
}

export type TrafficSchedule = { stop: () => Promise<void> };

/** Starts the rounds; `stop()` ends them and waits for the round in progress. */
export function startTrafficSchedule({
  intervalMs = env.METRICS_COLLECT_SECONDS * 1000,
  rollUpEveryMs = ROLL_UP_EVERY_MS,
}: { intervalMs?: number; rollUpEveryMs?: number } = {}): TrafficSchedule {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let lastRollUpAt = 0;
  let round: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      await collectOnce();
      if (Date.now() - lastRollUpAt >= rollUpEveryMs) {
        lastRollUpAt = Date.now();
        await rollUpTraffic();
      }
    } catch (error) {
      console.error("Traffic collection round failed:", error);
    }
  };
  const schedule = () => {
    if (stopped || intervalMs <= 0) return;
    timer = setTimeout(() => {
      round = tick().finally(schedule);
    }, intervalMs);
    // The schedule alone never keeps the process alive.
    timer.unref();
  };
  schedule();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await round;
    },
  };
}

/** The console server's schedule: started once per process, when there is a database to write to. */
export function startConsoleTrafficSchedule(): TrafficSchedule | undefined {
  if (env.DATABASE_URL === undefined || env.METRICS_COLLECT_SECONDS === 0) return undefined;
  const holder = globalThis as unknown as { porticoTrafficSchedule?: TrafficSchedule };
  holder.porticoTrafficSchedule ??= startTrafficSchedule();
  return holder.porticoTrafficSchedule;
}
