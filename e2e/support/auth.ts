import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// What the first-run project (e2e/first-run.setup.ts) leaves for the other
// specs: the first admin's browser session and an admin API token that the
// specs' API calls send as a bearer, as scripts and CI pipelines do.

const root = fileURLToPath(new URL("../../", import.meta.url));
export const AUTH_DIR = path.join(root, ".playwright", "auth");
export const ADMIN_STORAGE_STATE = path.join(AUTH_DIR, "admin.json");
export const ADMIN_TOKEN_FILE = path.join(AUTH_DIR, "admin-token");

export const E2E_ADMIN = { email: "admin@e2e.portico.dev", name: "First Admin", password: "correct horse battery staple" };

/** Where the console under test keeps its data (its setup-code file among it); set by playwright.config.ts. */
export function consoleDataDir(): string {
  const dir = process.env.PORTICO_E2E_DATA_DIR;
  if (!dir) throw new Error("PORTICO_E2E_DATA_DIR is not set: run the specs through playwright.config.ts");
  return dir;
}

export function adminToken(): string {
  return readFileSync(ADMIN_TOKEN_FILE, "utf8").trim();
}
