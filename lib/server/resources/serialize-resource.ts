import "server-only";

import type { Integration, Method, Resource } from "@/lib/generated/prisma/client";
import type { ResourceDetailDto, ResourceSummaryDto } from "@/lib/schemas/resource";
import { compareVerbs, toMethodDto } from "@/lib/server/methods/serialize-method";

export function toResourceSummaryDto(resource: Resource & { methods: { httpMethod: string }[] }): ResourceSummaryDto {
  return {
    id: resource.id,
    parentId: resource.parentId,
    pathPart: resource.pathPart,
    path: resource.path,
    methods: resource.methods.map((method) => method.httpMethod).sort(compareVerbs),
  };
}

export function toResourceDetailDto(
  resource: Resource & { methods: (Method & { integration: Integration | null })[]; _count: { children: number } },
): ResourceDetailDto {
  return {
    id: resource.id,
    parentId: resource.parentId,
    pathPart: resource.pathPart,
    path: resource.path,
    methods: [...resource.methods].sort((a, b) => compareVerbs(a.httpMethod, b.httpMethod)).map(toMethodDto),
    childCount: resource._count.children,
    createdAt: resource.createdAt.toISOString(),
    updatedAt: resource.updatedAt.toISOString(),
  };
}
