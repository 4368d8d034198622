/**
 * Import benchmark: parse, validate, convert and database write times for the
 * largest fixture documents and a generated 3 MB, 600-operation one. With a
 * database it also times that 600-operation import end to end through
 * POST /api/v1/apis/import, against its target of 2 s.
 *
 *   npm run bench:import      (needs DATABASE_URL, e.g. postgresql://postgres@127.0.0.1:5432/portico)
 *
 * Without DATABASE_URL the write step is skipped. Ends with one JSON line.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { importOpenApiText, type ImportTimings } from "@/lib/openapi/import";
import { SYSTEM_ACTOR } from "@/lib/schemas/audit";
import { generatedDocument } from "@/test/support/openapi/generated-document";

const FIXTURES = fileURLToPath(new URL("../test/fixtures/openapi/", import.meta.url));

/** What the console promises for a 3 MB, 600-operation document, request to answer. */
const END_TO_END_TARGET_MS = 2000;
const GENERATED = { name: "generated-600-operations.json", text: generatedDocument(600) };

const documents: Array<{ name: string; text: string }> = [
  { name: "twilio_api_v2010.json", text: readFileSync(FIXTURES + "twilio-oai/spec/json/twilio_api_v2010.json", "utf8") },
  { name: "slack_web_openapi_v2.json", text: readFileSync(FIXTURES + "slack-api-specs/web-api/slack_web_openapi_v2.json", "utf8") },
  GENERATED,
];

type Row = { name: string; bytes: number; operations: number } & Partial<ImportTimings & { writeMs: number; totalMs: number }>;
const rows: Row[] = [];
const round = (value: number | undefined) => (value === undefined ? undefined : Math.round(value));

/** The whole request, from the raw body to the 201 answer, as a script or CI pipeline sees it. */
async function timeEndToEndImport(text: string): Promise<{ ms: number }> {
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
  return { ms };
}

async function main() {
  const writer = process.env.DATABASE_URL ? await import("@/lib/server/openapi/import-api") : undefined;
  const { prisma } = process.env.DATABASE_URL ? await import("@/lib/server/db") : { prisma: undefined };
  // One warm-up so that schema compilation is not counted against the first document.
  importOpenApiText(documents[0].text);
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
      `${row.name.padEnd(32)} ${String(Math.round(row.bytes / 1024)).padStart(6)} KB ${String(row.operations).padStart(4)} ops  parse ${row.parseMs} ms  validate ${row.validateMs} ms  convert ${row.convertMs} ms  write ${row.writeMs ?? "-"} ms  total ${row.totalMs} ms`,
    );
  }
  const endToEnd = prisma ? await timeEndToEndImport(GENERATED.text) : undefined;
  if (endToEnd) {
    console.log(`POST /api/v1/apis/import, ${GENERATED.name}: ${endToEnd.ms} ms (target ${END_TO_END_TARGET_MS} ms)`);
  }
  console.log(
    JSON.stringify({
      bench: "import",
      documents: rows,
      ...(endToEnd
        ? {
            endToEnd600: {
              ms: endToEnd.ms,
              targetMs: END_TO_END_TARGET_MS,
              ratio: Math.round((endToEnd.ms / END_TO_END_TARGET_MS) * 1000) / 1000,
            },
          }
        : {}),
    }),
  );
  if (prisma) await prisma.$disconnect();
}

await main();
