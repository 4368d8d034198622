import { z } from "zod";

import { importReportEntrySchema } from "@/lib/openapi/model";

import { ApiSchema } from "./api";
import { ErrorDetailSchema } from "./common";

// Query strings and results of importing and exporting OpenAPI documents
// (POST /apis/import, GET /apis/{apiId}/export).

export const importApiQuerySchema = z.object({
  mode: z.enum(["new", "merge", "overwrite"]).default("new").meta({
    description: "new: create an API; merge: add to apiId's definition; overwrite: replace apiId's definition.",
  }),
  apiId: z.string().min(1).max(32).optional().meta({ description: "The API to merge into or overwrite." }),
  failOnWarnings: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true")
    .meta({
      description:
        "As AWS's failonwarnings. false: parts of the document with warnings (a reference to nothing, an unroutable path, ...) are left out, listed in the report with outcome skipped, and the rest is imported. true: a document with warnings is rejected with them as the details, and nothing is imported.",
    }),
});

export const ImportReportEntrySchema = importReportEntrySchema.meta({ id: "ImportReportEntry" });

export const ImportApiResultSchema = z.object({ api: ApiSchema, report: z.array(ImportReportEntrySchema) }).meta({ id: "ImportApiResult" });

/** A rejected document, in the one error shape: each detail locates a problem by JSON pointer (path) and, for text, line and column. */
export const InvalidDocumentResponseSchema = z
  .object({
    error: z.object({
      code: z.literal("invalid_document"),
      message: z.string(),
      details: z.array(ErrorDetailSchema),
    }),
  })
  .meta({ id: "InvalidDocumentResponse" });
export type InvalidDocumentResponse = z.infer<typeof InvalidDocumentResponseSchema>;

export const exportApiQuerySchema = z.object({
  format: z.enum(["oas30", "oas31", "swagger2"]).default("oas30"),
  extensions: z.enum(["aws", "none"]).default("aws").meta({
    description: "aws: keep x-amazon-apigateway-* extensions so the document round-trips; none: plain OpenAPI.",
  }),
  type: z.enum(["json", "yaml"]).default("yaml"),
});
