import "server-only";

import { rm, writeFile } from "node:fs/promises";
import path from "node:path";

// The setup code is also written to <data dir>/setup-code, readable by the
// machine's owner only, for operators who start Portico without watching its output.

export function setupCodePath(dataDir: string): string {
  return path.join(dataDir, "setup-code");
}

export async function writeSetupCodeFile(dataDir: string, code: string): Promise<void> {
  const file = setupCodePath(dataDir);
  // Removed first so that an existing file with looser permissions is not reused.
  await rm(file, { force: true });
  await writeFile(file, `${code}\n`, { mode: 0o600, flag: "wx" });
}

export async function removeSetupCodeFile(dataDir: string | undefined): Promise<void> {
  if (dataDir !== undefined) await rm(setupCodePath(dataDir), { force: true });
}
