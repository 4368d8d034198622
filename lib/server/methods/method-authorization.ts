import "server-only";

import { invalidField } from "@/lib/errors/api-error";
import { AUTHORIZER_TYPES_FOR_AUTHORIZATION, type AUTHORIZATION_TYPES } from "@/lib/schemas/method";
import type { Tx } from "@/lib/server/db";

type AuthorizationType = (typeof AUTHORIZATION_TYPES)[number];

/** JWT, COGNITO_USER_POOLS and CUSTOM authorization name one of the API's authorizers. */
export function usesAuthorizer(type: AuthorizationType): boolean {
  return AUTHORIZER_TYPES_FOR_AUTHORIZATION[type].length > 0;
}

/** The method's authorizer exists in the same API and is of a type its authorization accepts. */
export async function checkMethodAuthorization(
  { apiId, authorizationType, authorizerId }: { apiId: string; authorizationType: AuthorizationType; authorizerId: string | null },
  tx: Tx,
): Promise<void> {
  const accepted: readonly string[] = AUTHORIZER_TYPES_FOR_AUTHORIZATION[authorizationType];
  if (accepted.length === 0) {
    if (authorizerId !== null) {
      const message = `${authorizationType} authorization takes no authorizer; remove authorizerId or pick JWT, COGNITO_USER_POOLS or CUSTOM`;
      throw invalidField("authorizerId", message);
    }
    return;
  }
  if (authorizerId === null) {
    const message = `${authorizationType} authorization needs an authorizerId: create one under /api/v1/apis/${apiId}/authorizers`;
    throw invalidField("authorizerId", message);
  }
  const authorizer = await tx.authorizer.findFirst({ where: { id: authorizerId, apiId }, select: { type: true, name: true } });
  if (!authorizer) {
    const message = `This API has no authorizer ${authorizerId}`;
    throw invalidField("authorizerId", message);
  }
  if (!accepted.includes(authorizer.type)) {
    const message = `${authorizationType} authorization cannot use the ${authorizer.type} authorizer "${authorizer.name}" (it takes ${accepted.join(" or ")})`;
    throw invalidField("authorizerId", message);
  }
}
