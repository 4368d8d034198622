import "server-only";

import { hashDefinition, UnservableDefinitionError } from "@/lib/deploy/compile-snapshot";
import { prisma, type Db } from "@/lib/server/db";
import { compileCurrentDefinition } from "@/lib/server/deployments/load-api-definition";

/** The hash of the API's current definition, or null when it cannot be compiled (a method the gateway cannot serve). */
export async function currentDefinitionHash({ apiId }: { apiId: string }, db: Db = prisma): Promise<string | null> {
  try {
    return hashDefinition(await compileCurrentDefinition({ apiId }, db));
  } catch (error) {
    if (error instanceof UnservableDefinitionError) return null;
    throw error;
  }
}
