import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";

import {
  acceptInvitationBodySchema,
  ApiTokenListSchema,
  AuthConfigSchema,
  changePasswordBodySchema,
  CreatedApiTokenSchema,
  createTokenBodySchema,
  createUserBodySchema,
  invitationQuerySchema,
  listApiTokensQuerySchema,
  listUsersQuerySchema,
  MeSchema,
  setupBodySchema,
  signInBodySchema,
  tokenParamsSchema,
  updateUserBodySchema,
  UserListSchema,
  userParamsSchema,
  UserSchema,
} from "@/lib/schemas/auth";
import { AuditEventPageSchema, listAuditEventsQuerySchema } from "@/lib/schemas/audit";

import { BODY_ERRORS, errors, jsonBody, noContent, ok } from "./responses";

// Access: sign-in, first-run setup, invitations, users, API tokens and the
// audit trail. The operations listed in PUBLIC_OPERATIONS need no sign-in;
// every other one takes a session cookie or `Authorization: Bearer <token>`.

const userEnvelope = z.object({ user: UserSchema });
const signedInUser = z.object({ user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.string() }) });
const invitation = z.object({
  user: UserSchema,
  invitationUrl: z.string().meta({ description: "The one-time link to pass on; valid 7 days." }),
});

export const accessPaths: ZodOpenApiPathsObject = {
  "/health": {
    get: {
      operationId: "getHealth",
      tags: ["Meta"],
      summary: "Liveness of the console",
      responses: { ...ok("200", "The console answers.", z.object({ status: z.literal("ok") })), ...errors() },
    },
  },
  "/auth/config": {
    get: {
      operationId: "getAuthConfig",
      tags: ["Access"],
      summary: "What the sign-in page offers",
      responses: { ...ok("200", "Setup state and sign-in methods.", AuthConfigSchema), ...errors() },
    },
  },
  "/auth/sign-in": {
    post: {
      operationId: "signIn",
      tags: ["Access"],
      summary: "Sign in with email and password; answers with the session cookie",
      requestBody: jsonBody(signInBodySchema),
      responses: {
        ...ok("200", "Signed in; Set-Cookie carries the session.", signedInUser),
        ...errors("401", "403", "429", ...BODY_ERRORS),
      },
    },
  },
  "/auth/oidc/start": {
    get: {
      operationId: "startSingleSignOn",
      tags: ["Access"],
      summary: "Single sign-on: redirects the browser to the OpenID provider",
      description: "Authorization code flow with PKCE. `next` is the console path to return to after sign-in (other sites are ignored).",
      requestParams: { query: z.object({ next: z.string().optional() }) },
      responses: { "302": { description: "To the provider's authorization endpoint." }, ...errors("404", "502") },
    },
  },
  "/auth/oidc/callback": {
    get: {
      operationId: "finishSingleSignOn",
      tags: ["Access"],
      summary: "Single sign-on: where the provider returns the browser",
      description:
        "Starts a session and redirects to the page the sign-in began from; on failure redirects to `/sign-in?error=<reason>`. The user is found by the provider's subject, else linked by a verified email, else created with the role from `OIDC_ROLE_CLAIM` (or `OIDC_DEFAULT_ROLE`).",
      responses: { "302": { description: "To the console page, or back to sign-in with the reason." }, ...errors() },
    },
  },
  "/auth/sign-out": {
    post: {
      operationId: "signOut",
      tags: ["Access"],
      summary: "End this browser's session",
      responses: { ...ok("200", "Signed out.", z.object({ signedOut: z.literal(true) })), ...errors("403") },
    },
  },
  "/auth/me": {
    get: {
      operationId: "getMe",
      tags: ["Access"],
      summary: "The signed-in user and the role this request acts with",
      responses: { ...ok("200", "You.", MeSchema), ...errors("401") },
    },
  },
  "/auth/password": {
    post: {
      operationId: "changePassword",
      tags: ["Access"],
      summary: "Change your own password (your other sessions end)",
      requestBody: jsonBody(changePasswordBodySchema),
      responses: { ...noContent, ...errors("401", "403", ...BODY_ERRORS) },
    },
  },
  "/setup": {
    post: {
      operationId: "completeSetup",
      tags: ["Access"],
      summary: "First run: create the first admin with the one-time setup code",
      description: "The code is printed by the first `npm start` and written to `<data dir>/setup-code`; it works once.",
      requestBody: jsonBody(setupBodySchema),
      responses: { ...ok("201", "The first admin, signed in.", userEnvelope), ...errors("403", "404", ...BODY_ERRORS) },
    },
  },
  "/invitations": {
    get: {
      operationId: "getInvitation",
      tags: ["Access"],
      summary: "Who an invitation is for",
      requestParams: { query: invitationQuerySchema },
      responses: {
        ...ok("200", "The invited email and name.", z.object({ invitation: z.object({ email: z.string(), name: z.string() }) })),
        ...errors("404", "422"),
      },
    },
  },
  "/invitations/accept": {
    post: {
      operationId: "acceptInvitation",
      tags: ["Access"],
      summary: "Accept an invitation: set your password and sign in",
      requestBody: jsonBody(acceptInvitationBodySchema),
      responses: { ...ok("200", "The user, signed in.", userEnvelope), ...errors("404", ...BODY_ERRORS) },
    },
  },
  "/users": {
    get: {
      operationId: "listUsers",
      tags: ["Access"],
      summary: "List users by email address (admins)",
      requestParams: { query: listUsersQuerySchema },
      responses: { ...ok("200", "A page of users.", UserListSchema), ...errors("401", "403", "422") },
    },
    post: {
      operationId: "inviteUser",
      tags: ["Access"],
      summary: "Invite a user (admins); the answer carries the one-time link",
      requestBody: jsonBody(createUserBodySchema),
      responses: { ...ok("201", "The invited user and the link to pass on.", invitation), ...errors("401", "403", "409", ...BODY_ERRORS) },
    },
  },
  "/users/{userId}": {
    patch: {
      operationId: "updateUser",
      tags: ["Access"],
      summary: "Change a user's role, name or disabled flag (admins); the last admin stays",
      requestParams: { path: userParamsSchema },
      requestBody: jsonBody(updateUserBodySchema),
      responses: { ...ok("200", "The user.", userEnvelope), ...errors("401", "403", "404", "409", ...BODY_ERRORS) },
    },
    delete: {
      operationId: "deleteUser",
      tags: ["Access"],
      summary: "Delete a user with their sessions and tokens (admins)",
      requestParams: { path: userParamsSchema },
      responses: { ...noContent, ...errors("401", "403", "404", "409") },
    },
  },
  "/users/{userId}/invitation": {
    post: {
      operationId: "reinviteUser",
      tags: ["Access"],
      summary: "A new invitation link for a user who has not accepted (admins)",
      requestParams: { path: userParamsSchema },
      responses: { ...ok("200", "The user and the new link.", invitation), ...errors("401", "403", "404", "409") },
    },
  },
  "/tokens": {
    get: {
      operationId: "listTokens",
      tags: ["Access"],
      summary: "Your API tokens (never their values)",
      requestParams: { query: listApiTokensQuerySchema },
      responses: { ...ok("200", "A page of your tokens, newest first.", ApiTokenListSchema), ...errors("401", "422") },
    },
    post: {
      operationId: "createToken",
      tags: ["Access"],
      summary: "Make an API token for yourself, with a role no higher than yours",
      requestBody: jsonBody(createTokenBodySchema),
      responses: {
        ...ok("201", "The token; `value` is shown this once.", z.object({ token: CreatedApiTokenSchema })),
        ...errors("401", "403", ...BODY_ERRORS),
      },
    },
  },
  "/tokens/{tokenId}": {
    delete: {
      operationId: "revokeToken",
      tags: ["Access"],
      summary: "Revoke one of your tokens at once (admins: anyone's)",
      requestParams: { path: tokenParamsSchema },
      responses: { ...noContent, ...errors("401", "404") },
    },
  },
  "/audit-events": {
    get: {
      operationId: "listAuditEvents",
      tags: ["Access"],
      summary: "The audit trail, newest first (admins: everything; others: their own actions)",
      requestParams: { query: listAuditEventsQuerySchema },
      responses: { ...ok("200", "A page of events.", AuditEventPageSchema), ...errors("401", "422") },
    },
  },
};

/** Operations that need no sign-in ("METHOD /path"); the route wrapper's `access: "public"` routes, one for one. */
export const PUBLIC_OPERATIONS = new Set([
  "GET /health",
  "GET /auth/config",
  "POST /auth/sign-in",
  "POST /auth/sign-out",
  "GET /auth/oidc/start",
  "GET /auth/oidc/callback",
  "POST /setup",
  "GET /invitations",
  "POST /invitations/accept",
  "GET /openapi.json",
  "POST /gateway/register",
  "POST /gateway/heartbeat",
  "GET /gateway/state",
  "POST /portal/sign-up",
  "POST /portal/sign-in",
  "POST /portal/sign-out",
  "POST /portal/verify",
]);
