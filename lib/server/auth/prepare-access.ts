import "server-only";

import { ensureEnvironmentAdmin, issueSetupCode } from "./first-run";
import { removeSetupCodeFile, setupCodePath, writeSetupCodeFile } from "./setup-code-file";

export type AccessState = { state: "ready"; createdAdmin?: string } | { state: "setup"; setupUrl: string; setupCodeFile: string };

/**
 * What a start does about access before the console answers: with
 * PORTICO_ADMIN_EMAIL and PORTICO_ADMIN_PASSWORD and no user yet, it creates
 * that admin; with no user at all, it issues a one-time setup code, writes
 * it to <data dir>/setup-code (mode 0600) and returns the setup URL to print.
 * The password is never printed or logged.
 */
export async function prepareAccess({
  dataDir,
  consoleUrl,
  adminEmail,
  adminPassword,
}: {
  dataDir: string;
  consoleUrl: string;
  adminEmail?: string;
  adminPassword?: string;
}): Promise<AccessState> {
  let createdAdmin: string | undefined;
  if (adminEmail !== undefined && adminPassword !== undefined) {
    createdAdmin = (await ensureEnvironmentAdmin({ email: adminEmail, password: adminPassword }))?.email;
  }
  const code = await issueSetupCode();
  if (code === null) {
    await removeSetupCodeFile(dataDir);
    return { state: "ready", ...(createdAdmin ? { createdAdmin } : {}) };
  }
  await writeSetupCodeFile(dataDir, code);
  return { state: "setup", setupUrl: `${consoleUrl}/setup?code=${encodeURIComponent(code)}`, setupCodeFile: setupCodePath(dataDir) };
}
