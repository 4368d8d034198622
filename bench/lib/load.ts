import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, tsNodeArgs } from "./processes";

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50us: number;
  p99us: number;
  /** Connection errors, resets and timeouts. */
  errors: number;
  /** Responses with a status outside 2xx. */
  non2xx: number;
}

export type LoaderName = "wrk" | "autocannon";

const WRK = ["/usr/bin/wrk", "/usr/local/bin/wrk"].find((path) => existsSync(path)) ?? null;

/**
 * wrk when installed (a C load generator leaves more CPU to the targets on a
 * small machine), else autocannon; BENCH_LOADER=autocannon|wrk chooses.
 * Either way the load runs in its own process, never inside a target.
 */
export function chooseLoader(preference = process.env.BENCH_LOADER): LoaderName {
  if (preference === "autocannon") return "autocannon";
  if (preference === "wrk" && WRK === null) throw new Error("BENCH_LOADER=wrk but wrk is not installed (apt-get install -y wrk).");
  return WRK !== null ? "wrk" : "autocannon";
}

export function runLoad(loader: LoaderName, options: LoadOptions): Promise<LoadResult> {
  return loader === "wrk" ? runWrk(options) : runAutocannon(options);
}

// wrk's percentiles are exact microseconds; print them as one parsable line.
const WRK_REPORT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK_JSON {"requests":%d,"durationUs":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50us":%d,"p99us":%d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`;

let wrkScript: string | null = null;

function runWrk(options: LoadOptions): Promise<LoadResult> {
  if (WRK === null) throw new Error("wrk is not installed");
  if (wrkScript === null) {
    wrkScript = join(mkdtempSync(join(tmpdir(), "portico-bench-wrk-")), "report.lua");
    writeFileSync(wrkScript, WRK_REPORT);
  }
  const args = ["-t1", `-c${options.connections}`, `-d${options.seconds}s`, "--timeout", "5s", "-s", wrkScript];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push("-H", `${name}: ${value}`);
  args.push(options.url);
  return new Promise((resolve, reject) => {
    execFile(WRK, args, { timeout: (options.seconds + 30) * 1000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`wrk failed: ${error.message}\n${stderr}`));
      const line = stdout.split("\n").find((l) => l.startsWith("WRK_JSON "));
      if (line === undefined) return reject(new Error(`wrk printed no report:\n${stdout}\n${stderr}`));
      const r = JSON.parse(line.slice("WRK_JSON ".length)) as Record<string, number>;
      resolve({
        requests: r.requests,
        rps: r.requests / (r.durationUs / 1e6),
        p50us: r.p50us,
        p99us: r.p99us,
        errors: r.connect + r.read + r.write + r.timeout,
        non2xx: r.status,
      });
    });
  });
}

function runAutocannon(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, tsNodeArgs("bench/lib/autocannon-child.ts", [JSON.stringify(options)]), {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("exit", (code) => {
      const line = stdout.split("\n").find((l) => l.startsWith("LOAD_JSON "));
      if (code !== 0 || line === undefined) return reject(new Error(`autocannon child exited with code ${code}:\n${stdout}`));
      resolve(JSON.parse(line.slice("LOAD_JSON ".length)) as LoadResult);
    });
  });
}
