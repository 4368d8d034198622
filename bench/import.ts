/**
 * Import benchmark: parse, validate, convert and database write times for the
 * largest fixture documents and two generated ones: a 3 MB, 600-operation
 * document, and a 4 MB, 420-operation one whose operations share deeply
 * nested schemas (anyOf, oneOf, allOf, circular references; thousands of
 * $refs). With a database it also times both generated imports end to end
 * through POST /api/v1/apis/import, against the target of 2 s, and each
 * generated document's memory in a process of its own, against the target of
 * 10 times the document's size.
 *
 *   npm run bench:import      (needs DATABASE_URL, e.g. postgresql://postgres@127.0.0.1:5432/portico)
 *
 * Without DATABASE_URL the write step and the end-to-end times are skipped.
 * Ends with one JSON line.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { importOpenApiText, type ImportTimings } from "@/lib/openapi/import";
import { SYSTEM_ACTOR } from "@/lib/schemas/audit";
import { generatedDocument, generatedNestedDocument } from "@/test/support/openapi/generated-document";

const FIXTURES = fileURLToPath(new URL("../test/fixtures/openapi/", import.meta.url));

/** What the console promises for the generated documents, request to answer. */
const END_TO_END_TARGET_MS = 2000;
/** Memory an import may take, as a multiple of the document's size. */
const MEMORY_TARGET_RATIO = 10;

const GENERATED: Record<string, () => string> = {
  "generated-600-operations.json": () => generatedDocument(600),
  "generated-nested-420-operations.json": () => generatedNestedDocument(),
};

type Row = { name: string; bytes: number; operations: number } & Partial<ImportTimings & { writeMs: number; totalMs: number }>;
type Memory = { name: string; bytes: number; peakBytes: number; retainedBytes: number; ratio: number };
const round = (value: number | undefined) => (value === undefined ? undefined : Math.round(value));

/** The whole request, from the raw body to the 201 answer, as a script or CI pipeline sees it. */
async function timeEndToEndImport(text: string): Promise<number> {
  const { POST } = await import("@/app/api/v1/apis/import/route");
  const { prisma } = await import("@/lib/server/db");
  const { bearerHeaders } = await import("@/test/support/principals");
  const request = new Request("http://127.0.0.1/api/v1/apis/import?mode=new", {
    method: "POST",
    body: text,
    headers: { "content-type": "application/json", ...(await bearerHeaders("developer")) },
  });
  const started = performance.now();
  const response = await POST(request, { params: Promise.resolve({}) });
  const answer = (await response.json()) as { api?: { id: string } };
  const ms = Math.round(performance.now() - started);
  if (response.status !== 201 || answer.api === undefined)
    throw new Error(`The end-to-end import answered ${response.status}: ${JSON.stringify(answer).slice(0, 300)}`);
  await prisma.api.delete({ where: { id: answer.api.id } });
  return ms;
}

/**
 * Run in a child process (`--memory <file>`), so that nothing else was ever
 * on its heap (the document is read as text, never built there): the
 * growth of the peak resident set while the document is parsed, validated
 * and converted, and the heap the result still holds.
 */
function measureMemory(file: string) {
  const text = readFileSync(file, "utf8");
  const name = file.slice(file.lastIndexOf("/") + 1);
  // Compile the specification schemas first: they are per process, not per document.
  importOpenApiText(generatedDocument(2));
  globalThis.gc?.();
  const rssBefore = process.resourceUsage().maxRSS * 1024;
  const heapBefore = process.memoryUsage().heapUsed;
  const result = importOpenApiText(text);
  const peakBytes = Math.max(0, process.resourceUsage().maxRSS * 1024 - rssBefore);
  globalThis.gc?.();
  const retainedBytes = process.memoryUsage().heapUsed - heapBefore;
  // Keep the result alive until it was measured.
  if (result.definition.resources.length < 0) console.log("unreachable");
  console.log(JSON.stringify({ name, bytes: Buffer.byteLength(text), peakBytes, retainedBytes }));
}

function memoryOf(document: { name: string; text: string }): Memory {
  const folder = mkdtempSync(join(tmpdir(), "portico-bench-import-"));
  const file = join(folder, document.name);
  writeFileSync(file, document.text);
  let output: string;
  try {
    output = execFileSync(process.execPath, [...process.execArgv, "--expose-gc", fileURLToPath(import.meta.url), "--memory", file], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "" },
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const measured = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as Omit<Memory, "ratio">;
  return { ...measured, ratio: Math.round((measured.peakBytes / measured.bytes) * 100) / 100 };
}

async function main() {
  const documents: Array<{ name: string; text: string }> = [
    { name: "twilio_api_v2010.json", text: readFileSync(FIXTURES + "twilio-oai/spec/json/twilio_api_v2010.json", "utf8") },
    { name: "slack_web_openapi_v2.json", text: readFileSync(FIXTURES + "slack-api-specs/web-api/slack_web_openapi_v2.json", "utf8") },
    ...Object.entries(GENERATED).map(([name, generate]) => ({ name, text: generate() })),
  ];
  const writer = process.env.DATABASE_URL ? await import("@/lib/server/openapi/import-api") : undefined;
  const { prisma } = process.env.DATABASE_URL ? await import("@/lib/server/db") : { prisma: undefined };
  // One warm-up so that schema compilation is not counted against the first document.
  importOpenApiText(documents[0].text);
  const rows: Row[] = [];
  for (const document of documents) {
    const timings: Partial<ImportTimings & { writeMs: number }> = {};
    const started = performance.now();
    const { definition } = importOpenApiText(document.text, { timings });
    const row: Row = {
      name: document.name,
      bytes: document.text.length,
      operations: definition.resources.reduce((count, resource) => count + resource.methods.length, 0),
      parseMs: round(timings.parseMs),
      validateMs: round(timings.validateMs),
      convertMs: round(timings.convertMs),
    };
    if (writer && prisma) {
      const writeTimings: Partial<ImportTimings & { writeMs: number }> = {};
      const writeStarted = performance.now();
      try {
        const { api } = await writer.importApi({ text: document.text, mode: "new", actor: SYSTEM_ACTOR, timings: writeTimings });
        row.writeMs = round(writeTimings.writeMs);
        row.totalMs = round(performance.now() - writeStarted);
        await prisma.api.delete({ where: { id: api.id } });
      } catch (error) {
        console.log(`${document.name}: not written (${(error as Error).message.slice(0, 160)})`);
      }
    } else {
      row.totalMs = round(performance.now() - started);
    }
    rows.push(row);
    console.log(
      `${row.name.padEnd(38)} ${String(Math.round(row.bytes / 1024)).padStart(6)} KB ${String(row.operations).padStart(4)} ops  parse ${row.parseMs} ms  validate ${row.validateMs} ms  convert ${row.convertMs} ms  write ${row.writeMs ?? "-"} ms  total ${row.totalMs} ms`,
    );
  }
  const endToEnd: Array<{ name: string; ms: number; targetMs: number; ratio: number }> = [];
  if (prisma) {
    for (const document of documents.filter((candidate) => candidate.name in GENERATED)) {
      const ms = await timeEndToEndImport(document.text);
      endToEnd.push({
        name: document.name,
        ms,
        targetMs: END_TO_END_TARGET_MS,
        ratio: Math.round((ms / END_TO_END_TARGET_MS) * 1000) / 1000,
      });
      console.log(`POST /api/v1/apis/import, ${document.name}: ${ms} ms (target ${END_TO_END_TARGET_MS} ms)`);
    }
  }
  const memory = documents.filter((document) => document.name in GENERATED).map(memoryOf);
  for (const entry of memory) {
    console.log(
      `memory, ${entry.name}: peak +${Math.round(entry.peakBytes / 1e6)} MB, retained ${Math.round(entry.retainedBytes / 1e6)} MB = ${entry.ratio} × the document (target ${MEMORY_TARGET_RATIO} ×)`,
    );
  }
  console.log(JSON.stringify({ bench: "import", documents: rows, endToEnd, memory, memoryTargetRatio: MEMORY_TARGET_RATIO }));
  if (prisma) await prisma.$disconnect();
}

if (process.argv.includes("--memory")) measureMemory(process.argv[process.argv.indexOf("--memory") + 1]);
else await main();
