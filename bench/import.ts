/**
 * Import benchmark: parse, validate, convert and database write times for the
 * largest fixture documents and a generated 3 MB, 600-operation one.
 *
 *   npm run bench:import      (needs DATABASE_URL, e.g. postgresql://postgres@127.0.0.1:5432/portico)
 *
 * Without DATABASE_URL the write step is skipped. Ends with one JSON line.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { importOpenApiText, type ImportTimings } from "@/lib/openapi/import";

const FIXTURES = fileURLToPath(new URL("../test/fixtures/openapi/", import.meta.url));

export function generatedDocument(operations: number): string {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (let index = 0; index < operations / 2; index++) {
    schemas[`Item${index}`] = {
      type: "object",
      required: ["id"],
      properties: Object.fromEntries(
        Array.from({ length: 58 }, (_, field) => [`field${field}`, { type: "string", description: `Field ${field} of item ${index}, described at some length.` }]),
      ),
    };
    const ref = { $ref: `#/components/schemas/Item${index}` };
    paths[`/groups/g${index}/items`] = {
      post: {
        operationId: `createItem${index}`,
        requestBody: { content: { "application/json": { schema: ref } } },
        responses: { "201": { description: "Created", content: { "application/json": { schema: ref } } } },
        "x-amazon-apigateway-integration": { type: "http_proxy", httpMethod: "POST", uri: `http://127.0.0.1:9/items/${index}` },
      },
    };
    paths[`/groups/g${index}/items/{itemId}`] = {
      get: {
        operationId: `getItem${index}`,
        parameters: [
          { name: "itemId", in: "path", required: true, schema: { type: "string" } },
          { name: "expand", in: "query", schema: { type: "boolean" } },
        ],
        responses: { "200": { description: "The item", content: { "application/json": { schema: ref } } } },
        "x-amazon-apigateway-integration": { type: "http_proxy", httpMethod: "GET", uri: `http://127.0.0.1:9/items/${index}/{itemId}` },
      },
    };
  }
  return JSON.stringify({ openapi: "3.0.3", info: { title: "Generated", version: "1" }, paths, components: { schemas } }, null, 2);
}

const documents: Array<{ name: string; text: string }> = [
  { name: "twilio_api_v2010.json", text: readFileSync(FIXTURES + "twilio-oai/spec/json/twilio_api_v2010.json", "utf8") },
  { name: "slack_web_openapi_v2.json", text: readFileSync(FIXTURES + "slack-api-specs/web-api/slack_web_openapi_v2.json", "utf8") },
  { name: "generated-600-operations.json", text: generatedDocument(600) },
];

type Row = { name: string; bytes: number; operations: number } & Partial<ImportTimings & { writeMs: number; totalMs: number }>;
const rows: Row[] = [];
const round = (value: number | undefined) => (value === undefined ? undefined : Math.round(value));

async function main() {
  const writer = process.env.DATABASE_URL ? await import("@/lib/server/openapi/import-api") : undefined;
  const { prisma } = process.env.DATABASE_URL ? await import("@/lib/server/db") : { prisma: undefined };
  // One warm-up so that schema compilation is not counted against the first document.
  importOpenApiText(documents[0].text);
  for (const document of documents) {
    const timings: Partial<ImportTimings & { writeMs: number }> = {};
    const started = performance.now();
    const { definition } = importOpenApiText(document.text, timings);
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
        const { api } = await writer.importApi({ text: document.text, mode: "new", actor: "bench", timings: writeTimings });
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
  console.log(JSON.stringify({ bench: "import", documents: rows }));
  if (prisma) await prisma.$disconnect();
}

await main();
