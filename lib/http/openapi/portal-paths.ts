import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from "zod-openapi";

import { apiKeyParamsSchema } from "@/lib/schemas/api-key";
import {
  CatalogItemSchema,
  ConsumerApiKeySchema,
  ConsumerKeyChangeResultSchema,
  consumerParamsSchema,
  ConsumerSchema,
  consumerRotateBodySchema,
  consumerSignInBodySchema,
  consumerSignUpBodySchema,
  createInvitationBodySchema,
  createListingBodySchema,
  createSubscriptionBodySchema,
  decideRequestBodySchema,
  InvitationResultSchema,
  listingParamsSchema,
  ListingSchema,
  PendingRequestSchema,
  PortalSettingsSchema,
  requestParamsSchema,
  SignUpResultSchema,
  SubscribeResultSchema,
  subscriptionParamsSchema,
  SubscriptionSchema,
  TryItResultSchema,
  tryItBodySchema,
  updateListingBodySchema,
  updatePortalSettingsBodySchema,
  UsageLineSchema,
} from "@/lib/schemas/portal";
import { NodeOutcomeSchema } from "@/lib/schemas/usage-plan";

import { BODY_ERRORS, errors, jsonBody, noContent, ok } from "./responses";

// The developer portal. Admin operations take a console session or token
// like the rest; consumer operations take the portal's own session cookie
// (portico_portal_session, set by POST /portal/sign-in) and nothing else.

const consumerOnly = { security: [{ portalCookie: [] }] } satisfies Partial<ZodOpenApiOperationObject>;
const issuedKey = z.object({ id: z.string(), value: z.string(), displayPrefix: z.string() });
const rotated = z.object({
  apiKey: ConsumerApiKeySchema.extend({ value: z.string() }),
  previous: ConsumerApiKeySchema,
  nodes: z.array(NodeOutcomeSchema),
});
const decided = z.object({ request: PendingRequestSchema });
const tags = { admin: ["Developer portal (admin)"], consumer: ["Developer portal (consumers)"] };

export const portalPaths: ZodOpenApiPathsObject = {
  "/portal/settings": {
    get: {
      operationId: "getPortalSettings",
      tags: tags.admin,
      summary: "The portal's name, logo, accent colour, intro and sign-up mode",
      responses: { ...ok("200", "The settings.", z.object({ settings: PortalSettingsSchema })), ...errors() },
    },
    patch: {
      operationId: "updatePortalSettings",
      tags: tags.admin,
      summary: "Change the portal's branding or sign-up mode (admins)",
      requestBody: jsonBody(updatePortalSettingsBodySchema),
      responses: { ...ok("200", "The settings.", z.object({ settings: PortalSettingsSchema })), ...errors(...BODY_ERRORS) },
    },
  },
  "/portal/listings": {
    get: {
      operationId: "listPortalListings",
      tags: tags.admin,
      summary: "API stages published to the portal",
      responses: { ...ok("200", "Every listing.", z.object({ items: z.array(ListingSchema) })), ...errors() },
    },
    post: {
      operationId: "createPortalListing",
      tags: tags.admin,
      summary: "Publish an API stage with the usage plans offered on it (admins)",
      requestBody: jsonBody(createListingBodySchema),
      responses: { ...ok("201", "The listing.", z.object({ listing: ListingSchema })), ...errors(...BODY_ERRORS, "404", "409") },
    },
  },
  "/portal/listings/{listingId}": {
    patch: {
      operationId: "updatePortalListing",
      tags: tags.admin,
      summary: "Change a listing's plans or approval (admins)",
      requestParams: { path: listingParamsSchema },
      requestBody: jsonBody(updateListingBodySchema),
      responses: { ...ok("200", "The listing.", z.object({ listing: ListingSchema })), ...errors(...BODY_ERRORS, "404") },
    },
    delete: {
      operationId: "deletePortalListing",
      tags: tags.admin,
      summary: "Take a stage off the portal; keys already issued keep working until revoked (admins)",
      requestParams: { path: listingParamsSchema },
      responses: { ...noContent, ...errors("404") },
    },
  },
  "/portal/requests": {
    get: {
      operationId: "listPortalRequests",
      tags: tags.admin,
      summary: "Subscriptions waiting for approval, oldest first (admins)",
      responses: { ...ok("200", "The queue.", z.object({ items: z.array(PendingRequestSchema) })), ...errors() },
    },
  },
  "/portal/requests/{requestId}/approve": {
    post: {
      operationId: "approvePortalRequest",
      tags: tags.admin,
      summary: "Approve a subscription; the consumer then takes its key in the portal (admins)",
      requestParams: { path: requestParamsSchema },
      requestBody: { required: false, content: { "application/json": { schema: decideRequestBodySchema } } },
      responses: { ...ok("200", "The decided request.", decided), ...errors(...BODY_ERRORS, "404", "409") },
    },
  },
  "/portal/requests/{requestId}/reject": {
    post: {
      operationId: "rejectPortalRequest",
      tags: tags.admin,
      summary: "Decline a subscription with a note the consumer sees (admins)",
      requestParams: { path: requestParamsSchema },
      requestBody: { required: false, content: { "application/json": { schema: decideRequestBodySchema } } },
      responses: { ...ok("200", "The decided request.", decided), ...errors(...BODY_ERRORS, "404", "409") },
    },
  },
  "/portal/consumers": {
    get: {
      operationId: "listPortalConsumers",
      tags: tags.admin,
      summary: "Every consumer account (admins)",
      responses: {
        ...ok("200", "The consumers.", z.object({ items: z.array(ConsumerSchema.extend({ activeKeys: z.number().int() })) })),
        ...errors(),
      },
    },
  },
  "/portal/consumers/{consumerId}/{action}": {
    post: {
      operationId: "changePortalConsumer",
      tags: tags.admin,
      summary: "approve, reject, disable or enable a consumer; disabling disables their keys on every node at once (admins)",
      requestParams: { path: consumerParamsSchema.extend({ action: z.enum(["approve", "reject", "disable", "enable"]) }) },
      responses: {
        ...ok(
          "200",
          "The consumer, and each node's answer to the consumers document.",
          z.object({ consumer: ConsumerSchema, nodes: z.array(NodeOutcomeSchema) }),
        ),
        ...errors("404", "409"),
      },
    },
  },
  "/portal/invitations": {
    post: {
      operationId: "createPortalInvitation",
      tags: tags.admin,
      summary: "A one-time sign-up link for invite mode, valid 7 days (admins)",
      requestBody: jsonBody(createInvitationBodySchema),
      responses: { ...ok("201", "The link.", InvitationResultSchema), ...errors(...BODY_ERRORS) },
    },
  },
  "/portal/sign-up": {
    post: {
      operationId: "portalSignUp",
      tags: tags.consumer,
      summary: "Create a consumer account; open mode signs in at once (rate limited per address)",
      requestBody: jsonBody(consumerSignUpBodySchema),
      responses: {
        ...ok("201", "The account, and whether the answer signed it in.", SignUpResultSchema),
        ...errors(...BODY_ERRORS, "403", "409", "429"),
      },
    },
  },
  "/portal/sign-in": {
    post: {
      operationId: "portalSignIn",
      tags: tags.consumer,
      summary: "Sign a consumer in: sets the portal's session cookie",
      requestBody: jsonBody(consumerSignInBodySchema),
      responses: { ...ok("200", "Signed in.", z.object({ consumer: ConsumerSchema })), ...errors(...BODY_ERRORS, "401", "403", "429") },
    },
  },
  "/portal/sign-out": {
    post: {
      operationId: "portalSignOut",
      tags: tags.consumer,
      summary: "End this browser's portal session",
      responses: { ...ok("200", "Signed out.", z.object({ signedOut: z.literal(true) })), ...errors() },
    },
  },
  "/portal/verify": {
    post: {
      operationId: "portalVerifyEmail",
      tags: tags.consumer,
      summary: "Confirm a consumer's address with the code of the mailed link",
      requestBody: jsonBody(z.object({ code: z.string() })),
      responses: { ...ok("200", "Confirmed.", z.object({ consumer: ConsumerSchema })), ...errors(...BODY_ERRORS, "403") },
    },
  },
  "/portal/me": {
    get: {
      ...consumerOnly,
      operationId: "portalMe",
      tags: tags.consumer,
      summary: "The signed-in consumer",
      responses: {
        ...ok(
          "200",
          "The consumer.",
          z.object({ consumer: z.object({ id: z.string(), email: z.string(), name: z.string(), organization: z.string() }) }),
        ),
        ...errors(),
      },
    },
  },
  "/portal/catalog": {
    get: {
      ...consumerOnly,
      operationId: "portalCatalog",
      tags: tags.consumer,
      summary: "The published APIs with their plans",
      responses: { ...ok("200", "The catalog.", z.object({ items: z.array(CatalogItemSchema) })), ...errors() },
    },
  },
  "/portal/catalog/{listingId}": {
    get: {
      ...consumerOnly,
      operationId: "portalCatalogItem",
      tags: tags.consumer,
      summary: "One published API",
      requestParams: { path: listingParamsSchema },
      responses: { ...ok("200", "The API.", z.object({ item: CatalogItemSchema })), ...errors("404") },
    },
  },
  "/portal/catalog/{listingId}/openapi": {
    get: {
      ...consumerOnly,
      operationId: "portalCatalogDocument",
      tags: tags.consumer,
      summary: "A published API's reference (OpenAPI 3.0) as its stage serves it",
      requestParams: { path: listingParamsSchema },
      responses: { "200": { description: "The OpenAPI document." }, ...errors("404") },
    },
  },
  "/portal/subscriptions": {
    get: {
      ...consumerOnly,
      operationId: "portalListSubscriptions",
      tags: tags.consumer,
      summary: "The consumer's subscriptions and their outcome",
      responses: { ...ok("200", "The subscriptions.", z.object({ items: z.array(SubscriptionSchema) })), ...errors() },
    },
    post: {
      ...consumerOnly,
      operationId: "portalSubscribe",
      tags: tags.consumer,
      summary: "Subscribe to a listing with a plan; automatic approval answers with the key, shown once",
      requestBody: jsonBody(createSubscriptionBodySchema),
      responses: {
        ...ok("201", "The subscription (and its key when active).", SubscribeResultSchema),
        ...errors(...BODY_ERRORS, "404", "409"),
      },
    },
  },
  "/portal/subscriptions/{subscriptionId}/api-key": {
    post: {
      ...consumerOnly,
      operationId: "portalClaimKey",
      tags: tags.consumer,
      summary: "Take the key of an approved subscription (once; rotate it afterwards)",
      requestParams: { path: subscriptionParamsSchema },
      responses: { ...ok("201", "The key, shown once.", z.object({ apiKey: issuedKey })), ...errors("404", "409") },
    },
  },
  "/portal/api-keys": {
    get: {
      ...consumerOnly,
      operationId: "portalListKeys",
      tags: tags.consumer,
      summary: "The consumer's own keys",
      responses: { ...ok("200", "The keys.", z.object({ items: z.array(ConsumerApiKeySchema) })), ...errors() },
    },
  },
  "/portal/api-keys/{apiKeyId}/rotate": {
    post: {
      ...consumerOnly,
      operationId: "portalRotateKey",
      tags: tags.consumer,
      summary: "Replace one of the consumer's keys; the old one works until the grace period ends",
      requestParams: { path: apiKeyParamsSchema },
      requestBody: jsonBody(consumerRotateBodySchema),
      responses: { ...ok("201", "The new key (shown once) and the old one.", rotated), ...errors(...BODY_ERRORS, "404", "409") },
    },
  },
  "/portal/api-keys/{apiKeyId}/revoke": {
    post: {
      ...consumerOnly,
      operationId: "portalRevokeKey",
      tags: tags.consumer,
      summary: "Revoke one of the consumer's keys on every gateway node",
      requestParams: { path: apiKeyParamsSchema },
      responses: { ...ok("200", "The revoked key.", ConsumerKeyChangeResultSchema), ...errors("404") },
    },
  },
  "/portal/usage": {
    get: {
      ...consumerOnly,
      operationId: "portalUsage",
      tags: tags.consumer,
      summary: "Requests per day and quota left, per key and plan",
      responses: { ...ok("200", "The usage.", z.object({ items: z.array(UsageLineSchema) })), ...errors() },
    },
  },
  "/portal/try-it": {
    post: {
      ...consumerOnly,
      operationId: "portalTryIt",
      tags: tags.consumer,
      summary: "Call the listed stage through the gateway with one of the consumer's keys",
      requestBody: jsonBody(tryItBodySchema),
      responses: { ...ok("200", "What the gateway answered.", TryItResultSchema), ...errors(...BODY_ERRORS, "404", "502") },
    },
  },
};
