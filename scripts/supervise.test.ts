import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "@/test/support/wait-for";
import { supervise, type Supervisor } from "./supervise";

const running: Supervisor[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((supervisor) => supervisor.stop("SIGKILL")));
});

/** A real child process: exits with `code` after `ms`, or runs until stopped when ms is null. */
function child(ms: number | null, code = 3) {
  const script = ms === null ? "setInterval(() => {}, 1000)" : `setTimeout(() => process.exit(${code}), ${ms})`;
  return spawn(process.execPath, ["-e", script], { stdio: "ignore" });
}

describe("supervise (npm start's children)", () => {
  it("starts a child that exits on its own again, each time after a longer wait, and logs each restart", async () => {
    const logs: string[] = [];
    const starts: number[] = [];
    const supervisor = supervise({
      label: "console",
      start: () => {
        starts.push(Date.now());
        return child(0);
      },
      log: (message) => logs.push(message),
      policy: { initialDelayMs: 50, maxDelayMs: 400, healthyAfterMs: 60_000 },
    });
    running.push(supervisor);
    await waitFor(() => supervisor.restarts() >= 4, { what: "four restarts", timeoutMs: 25_000 });
    expect(logs[0]).toMatch(/^console exited unexpectedly \(exit code 3\); starting it again in 0\.1 s \(restart 1\)\.$/);
    expect(logs[1]).toContain("in 0.1 s (restart 2)");
    expect(logs[2]).toContain("in 0.2 s (restart 3)");
    expect(logs[3]).toContain("in 0.4 s (restart 4)");
    // The waits grow: each gap between two starts is at least the wait logged for it.
    const gaps = starts.slice(1).map((at, i) => at - starts[i]);
    expect(gaps[0]).toBeGreaterThanOrEqual(50);
    expect(gaps[2]).toBeGreaterThanOrEqual(200);
    // Each start is a real node process: slow on a busy machine.
  }, 30_000);

  it("leaves a child it was told to stop stopped, and another child running", async () => {
    const logs: string[] = [];
    const gateway = supervise({ label: "gateway", start: () => child(null), log: (message) => logs.push(message) });
    const consoleProcess = supervise({
      label: "console",
      start: () => child(null),
      log: (message) => logs.push(message),
      policy: { initialDelayMs: 20, maxDelayMs: 20, healthyAfterMs: 60_000 },
    });
    running.push(gateway, consoleProcess);
    const gatewayPid = gateway.current().pid;
    // The console dies: it is restarted; the gateway is the same process throughout.
    const first = consoleProcess.current();
    first.kill("SIGKILL");
    await waitFor(() => consoleProcess.restarts() === 1 && consoleProcess.current() !== first, {
      what: "the console to be restarted",
      timeoutMs: 20_000,
    });
    expect(logs).toEqual(["console exited unexpectedly (signal SIGKILL); starting it again in 0.0 s (restart 1)."]);
    expect(gateway.current().pid).toBe(gatewayPid);
    expect(gateway.current().exitCode).toBeNull();

    await consoleProcess.stop();
    expect(consoleProcess.current().signalCode).toBe("SIGTERM");
    expect(consoleProcess.restarts()).toBe(1);
    expect(logs).toHaveLength(1);
  }, 30_000);
});
