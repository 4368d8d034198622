import { z } from "zod";

import { cursorSchema, idSchema, limitSchema, pageSchema, timestampSchema } from "./common";
import { MethodSchema } from "./method";
import { pathPartProblem } from "./resource-path";

export const pathPartSchema = z
  .string()
  .superRefine((value, ctx) => {
    const problem = pathPartProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .meta({
    description: "One path segment: a literal such as `pets`, a parameter `{petId}` or a greedy parameter `{proxy+}`.",
    example: "pets",
  });

/** A resource as listed in the tree: its place and the verbs it has. */
export const ResourceSummarySchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable().meta({ description: "Null only for the root resource `/`." }),
    pathPart: z.string(),
    path: z.string(),
    methods: z.array(z.string()).meta({ description: "HTTP methods defined on the resource, sorted." }),
  })
  .meta({ id: "ResourceSummary" });

export type ResourceSummaryDto = z.infer<typeof ResourceSummarySchema>;

/** One resource with its methods in full (integration included). */
export const ResourceDetailSchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    pathPart: z.string(),
    path: z.string(),
    methods: z.array(MethodSchema),
    childCount: z.number().int(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: "ResourceDetail" });

export type ResourceDetailDto = z.infer<typeof ResourceDetailSchema>;

export const createResourceBodySchema = z
  .strictObject({
    parentId: idSchema.meta({ description: "The parent resource (the root's id for a top-level segment)." }),
    pathPart: pathPartSchema,
  })
  .meta({ id: "CreateResourceBody" });

export type CreateResourceBody = z.infer<typeof createResourceBodySchema>;

export const updateResourceBodySchema = z.strictObject({ pathPart: pathPartSchema }).meta({ id: "UpdateResourceBody" });

export type UpdateResourceBody = z.infer<typeof updateResourceBodySchema>;

export const listResourcesQuerySchema = z.strictObject({
  cursor: cursorSchema.optional(),
  limit: limitSchema.optional().meta({ description: "Page size; omit it to get the whole tree in one page." }),
});

export type ListResourcesQuery = z.infer<typeof listResourcesQuerySchema>;

const booleanFlag = z.enum(["true", "false"], { error: "must be true or false" }).transform((value) => value === "true");

export const deleteResourceQuerySchema = z.strictObject({
  recursive: booleanFlag.optional().meta({
    description: "Required (true) to delete a resource that has child resources: the whole subtree is deleted.",
  }),
});

export const ResourcePageSchema = pageSchema(ResourceSummarySchema).meta({ id: "ResourcePage" });

export const resourceParamsSchema = z.object({
  apiId: idSchema.meta({ description: "The API's id." }),
  resourceId: idSchema.meta({ description: "The resource's id." }),
});
