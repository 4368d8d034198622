import type { AuthorizerBodyInput, AuthorizerDto, AuthorizerTypeName } from "@/lib/schemas/authorizer";

// The authorizer dialog edits strings; lists are typed one per line or
// separated by commas, and converted when saving.

export type AuthorizerFormState = {
  name: string;
  type: AuthorizerTypeName;
  identitySource: string;
  issuer: string;
  audience: string;
  jwksUri: string;
  providerArns: string;
  authorizerUri: string;
  resultTtlSeconds: string;
  identityValidationExpression: string;
  simpleResponses: boolean;
  payloadFormatVersion: "1.0" | "2.0";
};

export const AUTHORIZER_TYPE_LABELS: Record<AuthorizerTypeName, string> = {
  JWT: "JWT (OpenID Connect / OAuth 2.0 issuer)",
  COGNITO_USER_POOLS: "Cognito user pools",
  TOKEN: "Lambda, TOKEN",
  REQUEST: "Lambda, REQUEST",
};

export function emptyAuthorizerForm(): AuthorizerFormState {
  return {
    name: "",
    type: "JWT",
    identitySource: "method.request.header.Authorization",
    issuer: "",
    audience: "",
    jwksUri: "",
    providerArns: "",
    authorizerUri: "",
    resultTtlSeconds: "300",
    identityValidationExpression: "",
    simpleResponses: false,
    payloadFormatVersion: "1.0",
  };
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function list(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join("\n") : typeof value === "string" ? value : "";
}

export function authorizerFormFrom(authorizer: AuthorizerDto): AuthorizerFormState {
  const definition = authorizer.definition;
  return {
    ...emptyAuthorizerForm(),
    name: authorizer.name,
    type: authorizer.type,
    identitySource: list(definition.identitySource),
    issuer: text(definition.issuer),
    audience: list(definition.audience),
    jwksUri: text(definition.jwksUri),
    providerArns: list(definition.providerArns),
    authorizerUri: text(definition.authorizerUri),
    resultTtlSeconds: typeof definition.resultTtlSeconds === "number" ? String(definition.resultTtlSeconds) : "300",
    identityValidationExpression: text(definition.identityValidationExpression),
    simpleResponses: definition.simpleResponses === true,
    payloadFormatVersion: definition.payloadFormatVersion === "2.0" ? "2.0" : "1.0",
  };
}

function items(value: string): string[] {
  return value
    .split(/[\n,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function ttl(value: string): number {
  return value.trim() === "" ? Number.NaN : Number(value);
}

/** The API body for the state's type; fields of other types are left out. */
export function toAuthorizerBody(state: AuthorizerFormState): AuthorizerBodyInput {
  const name = state.name.trim();
  const identitySource = state.identitySource.trim();
  switch (state.type) {
    case "JWT":
      return {
        name,
        type: "JWT",
        identitySource: identitySource || undefined,
        issuer: state.issuer.trim(),
        audience: items(state.audience),
        ...(state.jwksUri.trim() ? { jwksUri: state.jwksUri.trim() } : {}),
      };
    case "COGNITO_USER_POOLS":
      return {
        name,
        type: "COGNITO_USER_POOLS",
        identitySource: identitySource || undefined,
        providerArns: items(state.providerArns),
        ...(state.audience.trim() ? { audience: items(state.audience) } : {}),
      };
    case "TOKEN":
      return {
        name,
        type: "TOKEN",
        identitySource: identitySource || undefined,
        authorizerUri: state.authorizerUri.trim(),
        resultTtlSeconds: ttl(state.resultTtlSeconds),
        ...(state.identityValidationExpression.trim() ? { identityValidationExpression: state.identityValidationExpression.trim() } : {}),
      };
    case "REQUEST":
      return {
        name,
        type: "REQUEST",
        identitySource: items(state.identitySource),
        authorizerUri: state.authorizerUri.trim(),
        resultTtlSeconds: ttl(state.resultTtlSeconds),
        simpleResponses: state.simpleResponses,
        payloadFormatVersion: state.payloadFormatVersion,
      };
  }
}

/** One line about an authorizer for the list. */
export function describeAuthorizer(authorizer: AuthorizerDto): string {
  const definition = authorizer.definition;
  switch (authorizer.type) {
    case "JWT":
      return `${text(definition.issuer)} · audience ${list(definition.audience).split("\n").join(", ")}`;
    case "COGNITO_USER_POOLS":
      return list(definition.providerArns).split("\n").join(", ");
    case "TOKEN":
    case "REQUEST": {
      const seconds = Number(definition.resultTtlSeconds ?? 300);
      return `${text(definition.authorizerUri)} · ${seconds === 0 ? "no caching" : `cached ${seconds} s`}`;
    }
  }
}
