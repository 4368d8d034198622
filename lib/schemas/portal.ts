import { z } from "zod";

import { identifierSchema } from "@/lib/contracts/snapshot";

import { ApiKeySchema, rotateApiKeyBodySchema } from "./api-key";
import { emailSchema, passwordSchema, PASSWORD_MAX_LENGTH, userNameSchema } from "./auth";
import { idSchema, timestampSchema } from "./common";
import { NodeOutcomeSchema, QuotaSchema, ThrottleSchema, quotaPeriodSchema } from "./usage-plan";

// The developer portal: its settings, the API stages listed in it, the
// consumers who sign up, and their subscriptions, keys and usage.

export const SIGNUP_MODES = ["open", "approval", "invite"] as const;
export const signupModeSchema = z.enum(SIGNUP_MODES).meta({
  id: "PortalSignupMode",
  description: "open: anyone signs up; approval: an admin approves each new consumer; invite: only with a link made in the console.",
});
export type SignupMode = z.infer<typeof signupModeSchema>;

const accentColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, "accentColor must be a colour written #rrggbb, e.g. #2563eb");

// A logo is an image URL put in an <img> of the portal: https anywhere, or a
// path on this site (public/). Other schemes (javascript:, data:) are refused.
const logoUrlSchema = z
  .string()
  .trim()
  .max(2048, "logoUrl must be at most 2048 characters")
  .refine((value) => /^https:\/\/[^\s]+$/.test(value) || /^\/[^/\s][^\s]*$/.test(value), {
    message: "logoUrl must be an https:// URL or a path on this site such as /logo.svg",
  });

export const PortalSettingsSchema = z
  .object({
    name: z.string(),
    logoUrl: z.string().nullable(),
    accentColor: z.string(),
    intro: z.string(),
    signupMode: signupModeSchema,
    mail: z.boolean().meta({ description: "Whether SMTP_URL is set: mail is sent instead of links being shown to admins." }),
  })
  .meta({ id: "PortalSettings" });
export type PortalSettingsDto = z.infer<typeof PortalSettingsSchema>;

export const updatePortalSettingsBodySchema = z
  .strictObject({
    name: z.string().trim().min(1, "name must not be empty").max(128, "name must be at most 128 characters").optional(),
    logoUrl: logoUrlSchema.nullable().optional(),
    accentColor: accentColorSchema.optional(),
    intro: z.string().max(4000, "intro must be at most 4000 characters").optional(),
    signupMode: signupModeSchema.optional(),
  })
  .meta({ id: "UpdatePortalSettingsBody" });
export type UpdatePortalSettingsBody = z.infer<typeof updatePortalSettingsBodySchema>;

// Listings

export const LISTING_APPROVALS = ["auto", "manual"] as const;
export const listingApprovalSchema = z.enum(LISTING_APPROVALS).meta({
  description: "auto: a subscription is active at once, with its key; manual: it waits for an admin.",
});

const usagePlanIdsSchema = z
  .array(idSchema)
  .min(1, "offer at least one usage plan")
  .max(20, "offer at most 20 usage plans")
  .refine((ids) => new Set(ids).size === ids.length, "list each usage plan once");

export const createListingBodySchema = z
  .strictObject({
    apiId: identifierSchema,
    stage: identifierSchema,
    usagePlanIds: usagePlanIdsSchema,
    approval: listingApprovalSchema.default("auto"),
  })
  .meta({ id: "CreatePortalListingBody" });
export type CreateListingBody = z.infer<typeof createListingBodySchema>;

export const updateListingBodySchema = z
  .strictObject({ usagePlanIds: usagePlanIdsSchema.optional(), approval: listingApprovalSchema.optional() })
  .meta({ id: "UpdatePortalListingBody" });
export type UpdateListingBody = z.infer<typeof updateListingBodySchema>;

export const PortalPlanSchema = z
  .object({ id: z.string(), name: z.string(), description: z.string(), throttle: ThrottleSchema.nullable(), quota: QuotaSchema.nullable() })
  .meta({ id: "PortalPlan" });
export type PortalPlanDto = z.infer<typeof PortalPlanSchema>;

export const ListingSchema = z
  .object({
    id: z.string(),
    apiId: z.string(),
    stage: z.string(),
    name: z.string(),
    description: z.string(),
    approval: listingApprovalSchema,
    plans: z.array(PortalPlanSchema),
    invokeUrl: z.string(),
    createdAt: timestampSchema,
  })
  .meta({ id: "PortalListing" });
export type ListingDto = z.infer<typeof ListingSchema>;

export const listingParamsSchema = z.object({ listingId: idSchema });

export const CatalogItemSchema = z
  .object({
    listingId: z.string(),
    apiId: z.string(),
    stage: z.string(),
    name: z.string(),
    description: z.string(),
    approval: listingApprovalSchema,
    invokeUrl: z.string(),
    plans: z.array(PortalPlanSchema),
  })
  .meta({ id: "PortalCatalogItem" });
export type CatalogItemDto = z.infer<typeof CatalogItemSchema>;

// Consumers

export const CONSUMER_STATUSES = ["pending", "active", "rejected", "disabled"] as const;
export const consumerStatusSchema = z.enum(CONSUMER_STATUSES);
export type ConsumerStatusDto = z.infer<typeof consumerStatusSchema>;

const organizationSchema = z.string().trim().max(128, "organization must be at most 128 characters");

export const consumerSignUpBodySchema = z
  .strictObject({
    email: emailSchema,
    name: userNameSchema.pipe(z.string().min(1, "name must not be empty")),
    organization: organizationSchema.default(""),
    password: passwordSchema,
    invitation: z.string().trim().max(128).optional().meta({ description: "The code of the invitation link (invite mode)." }),
  })
  .meta({ id: "PortalSignUpBody" });
export type ConsumerSignUpBody = z.infer<typeof consumerSignUpBodySchema>;

export const consumerSignInBodySchema = z
  .strictObject({
    email: z.string().trim().min(1, "email must not be empty").max(320),
    password: z.string().min(1, "password must not be empty").max(PASSWORD_MAX_LENGTH),
  })
  .meta({ id: "PortalSignInBody" });
export type ConsumerSignInBody = z.infer<typeof consumerSignInBodySchema>;

export const ConsumerSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    organization: z.string(),
    status: consumerStatusSchema,
    emailVerified: z.boolean(),
    lastSignInAt: timestampSchema.nullable(),
    createdAt: timestampSchema,
  })
  .meta({ id: "PortalConsumer" });
export type ConsumerDto = z.infer<typeof ConsumerSchema>;

export const consumerParamsSchema = z.object({ consumerId: idSchema });

export const SignUpResultSchema = z
  .object({
    consumer: ConsumerSchema,
    signedIn: z.boolean().meta({ description: "true when the answer started a session (open mode, or a used invitation)." }),
    message: z.string(),
  })
  .meta({ id: "PortalSignUpResult" });

export const createInvitationBodySchema = z.strictObject({ email: emailSchema }).meta({ id: "CreatePortalInvitationBody" });

export const InvitationResultSchema = z
  .object({
    invitation: z.object({ id: z.string(), email: z.string(), expiresAt: timestampSchema }),
    invitationUrl: z.string().meta({ description: "The one-time sign-up link; give it to the person (mailed too with SMTP_URL)." }),
    mailed: z.boolean(),
  })
  .meta({ id: "PortalInvitationResult" });

// Subscriptions

export const SUBSCRIPTION_STATUSES = ["pending", "active", "rejected"] as const;
export const subscriptionStatusSchema = z.enum(SUBSCRIPTION_STATUSES);

export const createSubscriptionBodySchema = z
  .strictObject({ listingId: idSchema, usagePlanId: idSchema })
  .meta({ id: "CreatePortalSubscriptionBody" });
export type CreateSubscriptionBody = z.infer<typeof createSubscriptionBodySchema>;

export const SubscriptionSchema = z
  .object({
    id: z.string(),
    status: subscriptionStatusSchema,
    listingId: z.string(),
    apiId: z.string(),
    stage: z.string(),
    apiName: z.string(),
    usagePlan: z.object({ id: z.string(), name: z.string() }),
    note: z.string().meta({ description: "The admin's note on approval or rejection." }),
    decidedAt: timestampSchema.nullable(),
    createdAt: timestampSchema,
  })
  .meta({ id: "PortalSubscription" });
export type SubscriptionDto = z.infer<typeof SubscriptionSchema>;

export const subscriptionParamsSchema = z.object({ subscriptionId: idSchema });

export const SubscribeResultSchema = z
  .object({
    subscription: SubscriptionSchema,
    apiKey: z
      .object({ id: z.string(), value: z.string(), displayPrefix: z.string() })
      .optional()
      .meta({ description: "With an active subscription only: the key, shown this once." }),
  })
  .meta({ id: "PortalSubscribeResult" });

export const PendingRequestSchema = SubscriptionSchema.extend({
  consumer: z.object({ id: z.string(), email: z.string(), name: z.string(), organization: z.string() }),
}).meta({ id: "PortalPendingRequest" });
export type PendingRequestDto = z.infer<typeof PendingRequestSchema>;

export const decideRequestBodySchema = z
  .strictObject({ note: z.string().trim().max(1024, "note must be at most 1024 characters").default("") })
  .meta({ id: "DecidePortalRequestBody" });

export const requestParamsSchema = z.object({ requestId: idSchema });

// Keys and usage

export const ConsumerApiKeySchema = ApiKeySchema.pick({
  id: true,
  name: true,
  displayPrefix: true,
  status: true,
  revokedAt: true,
  expiresAt: true,
  rotatedFromId: true,
  rotatedToId: true,
  usagePlans: true,
  createdAt: true,
})
  .extend({ subscriptionId: z.string().nullable(), listingId: z.string().nullable() })
  .meta({ id: "PortalApiKey" });
export type ConsumerApiKeyDto = z.infer<typeof ConsumerApiKeySchema>;

export const consumerRotateBodySchema = rotateApiKeyBodySchema;

export const ConsumerKeyChangeResultSchema = z.object({ apiKey: ConsumerApiKeySchema, nodes: z.array(NodeOutcomeSchema) });

export const UsageLineSchema = z
  .object({
    apiKeyId: z.string(),
    displayPrefix: z.string(),
    usagePlanId: z.string(),
    usagePlanName: z.string(),
    period: quotaPeriodSchema.nullable().meta({ description: "The quota's period; null for a plan without a quota." }),
    limit: z.number().int().nullable(),
    used: z.number().int().meta({ description: "Requests in the current quota period (today without a quota)." }),
    remaining: z.number().int().nullable(),
    days: z.array(z.object({ date: z.string(), used: z.number().int() })).meta({ description: "Requests per UTC day, last 7 days." }),
  })
  .meta({ id: "PortalUsageLine" });
export type UsageLineDto = z.infer<typeof UsageLineSchema>;

// Try-it

const TRY_IT_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

export const tryItBodySchema = z
  .strictObject({
    listingId: idSchema,
    apiKey: z.string().trim().min(1, "paste one of your API keys").max(128),
    method: z.enum(TRY_IT_METHODS),
    path: z
      .string()
      .max(2048, "path must be at most 2048 characters")
      .regex(/^\/[^?#\s]*$/, "path must start with / and hold no spaces, ? or #: put query parameters in query")
      .refine(
        (value) => !value.split("/").some((segment) => segment === ".." || segment === "."),
        "path must not contain . or .. segments",
      ),
    query: z
      .string()
      .max(2048)
      .regex(/^[^#\s]*$/, "query must hold no spaces or #")
      .default(""),
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "header names are letters, digits and -"), z.string().max(2048)).default({}),
    body: z.string().max(1_000_000, "body must be at most 1 MB").optional(),
  })
  .meta({ id: "PortalTryItBody" });
export type TryItBody = z.infer<typeof tryItBodySchema>;

export const TryItResultSchema = z
  .object({
    status: z.number().int(),
    headers: z.record(z.string(), z.string()),
    body: z.string(),
    truncated: z.boolean(),
    ms: z.number(),
    url: z.string(),
  })
  .meta({ id: "PortalTryItResult" });
export type TryItResultDto = z.infer<typeof TryItResultSchema>;
