import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { AccessState } from "@/lib/server/auth/prepare-access";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Runs scripts/prepare-access.ts in a child process: domain code needs the
 * react-server condition (lib/server is server-only), which the start script
 * itself does not run under.
 */
export function runPrepareAccess({
  databaseUrl,
  dataDir,
  consoleUrl,
  env,
}: {
  databaseUrl: string;
  dataDir: string;
  consoleUrl: string;
  env: NodeJS.ProcessEnv;
}): Promise<AccessState> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts", "prepare-access.ts"), dataDir, consoleUrl],
      { cwd: root, env: { ...env, DATABASE_URL: databaseUrl }, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`preparing sign-in failed: ${stderr.trim() || error.message}`));
          return;
        }
        try {
          resolve(JSON.parse(stdout.trim().split("\n").pop() ?? "") as AccessState);
        } catch {
          reject(new Error(`preparing sign-in printed no result: ${stdout.trim()} ${stderr.trim()}`));
        }
      },
    );
  });
}
