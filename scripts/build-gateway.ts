// Builds a gateway entry point (gateway/main.ts, or a benchmark target) into
// one plain JavaScript module under dist/, which `npm start`, `npm run
// gateway`, the benchmarks and the process tests run with node itself.
//
// Why not run the TypeScript under tsx, as everything else does: tsx
// compiles with esbuild's keepNames, which wraps every function created at
// run time in a naming call. On the gateway's per-request functions that
// measured as up to a quarter of a route's CPU time. The build keeps the
// names it does not need to and leaves packages in node_modules (imported
// as they are), so it takes a fraction of a second and is redone only when
// a source file is newer than the output.
//
//   tsx scripts/build-gateway.ts [entry.ts ...]   (default: gateway/main.ts)
import { build } from "esbuild";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = fileURLToPath(new URL("..", import.meta.url));

/** Where an entry's build goes: `gateway/main.ts` → `dist/gateway/main.mjs`. */
export function builtPathOf(entry: string): string {
  const relative = path.relative(projectRoot, path.resolve(projectRoot, entry)).replace(/\.ts$/, ".mjs");
  return path.join(projectRoot, "dist", relative);
}

function mtimeMs(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** True when the output exists and no source it was built from changed since. */
function isFresh(output: string): boolean {
  let inputs: string[];
  try {
    inputs = (JSON.parse(readFileSync(`${output}.inputs.json`, "utf8")) as { inputs: string[] }).inputs;
  } catch {
    return false;
  }
  const builtAt = mtimeMs(output);
  if (!Number.isFinite(builtAt)) return false;
  return inputs.every((input) => mtimeMs(path.join(projectRoot, input)) <= builtAt);
}

/** Writes through a temporary file and a rename, so a process starting meanwhile never loads half a file. */
function writeAtomically(file: string, contents: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

/**
 * Builds `entry` (a path from the project root) unless its build is up to
 * date, and returns the path of the built module.
 */
export async function buildGatewayEntry(entry: string): Promise<string> {
  const output = builtPathOf(entry);
  if (isFresh(output)) return output;
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: [entry],
    outfile: output,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Dependencies stay where npm put them; only the project's own TypeScript is compiled.
    packages: "external",
    keepNames: false,
    sourcemap: "linked",
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  mkdirSync(path.dirname(output), { recursive: true });
  // The map first: a module whose map is missing still runs, one whose map is stale misleads.
  const files = [...result.outputFiles].sort((a, b) => Number(b.path.endsWith(".map")) - Number(a.path.endsWith(".map")));
  for (const file of files) writeAtomically(file.path, file.contents);
  const inputs = Object.keys(result.metafile.inputs);
  writeAtomically(`${output}.inputs.json`, JSON.stringify({ inputs }));
  return output;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const entries = process.argv.slice(2);
  for (const entry of entries.length > 0 ? entries : ["gateway/main.ts"]) {
    const output = await buildGatewayEntry(entry);
    process.stdout.write(`${path.relative(process.cwd(), output)}\n`);
  }
}
