import { z } from "zod";

import { cursorSchema, descriptionSchema, idSchema, limitSchema, pageSchema, timestampSchema } from "./common";
import { jsonSchemaProblem } from "./json-schema";

export const modelNameSchema = z
  .string()
  .min(1, "name must not be empty")
  .max(128, "name must be at most 128 characters")
  .regex(/^[A-Za-z0-9]+$/, "name may contain only letters and digits, e.g. Pet or NewPet2");

const jsonSchemaSchema = z
  .record(z.string(), z.unknown(), { error: "schema must be a JSON Schema object" })
  .superRefine((value, ctx) => {
    const problem = jsonSchemaProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .meta({ description: "A JSON Schema (draft-04, draft-07, 2019-09 or 2020-12, picked by $schema; draft-07 when absent)." });

const contentTypeSchema = z
  .string()
  .max(255)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$/,
    "contentType must be a media type such as application/json",
  );

export const ModelSchema = z
  .object({
    id: z.string(),
    apiId: z.string(),
    name: z.string(),
    description: z.string(),
    contentType: z.string(),
    schema: z.record(z.string(), z.unknown()),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: "Model" });

export type ModelDto = z.infer<typeof ModelSchema>;

export const createModelBodySchema = z
  .strictObject({
    name: modelNameSchema,
    description: descriptionSchema().optional(),
    contentType: contentTypeSchema.optional(),
    schema: jsonSchemaSchema,
  })
  .meta({ id: "CreateModelBody" });

export type CreateModelBody = z.infer<typeof createModelBodySchema>;

export const updateModelBodySchema = z
  .strictObject({
    name: modelNameSchema.optional(),
    description: descriptionSchema().optional(),
    contentType: contentTypeSchema.optional(),
    schema: jsonSchemaSchema.optional(),
  })
  .meta({ id: "UpdateModelBody" });

export type UpdateModelBody = z.infer<typeof updateModelBodySchema>;

export const listModelsQuerySchema = z.strictObject({
  cursor: cursorSchema.optional(),
  limit: limitSchema.optional(),
});

export const ModelPageSchema = pageSchema(ModelSchema).meta({ id: "ModelPage" });

export const modelParamsSchema = z.object({
  apiId: idSchema.meta({ description: "The API's id." }),
  modelId: idSchema.meta({ description: "The model's id." }),
});
