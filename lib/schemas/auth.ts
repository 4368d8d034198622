import { z } from "zod";

import { cursorSchema, idSchema, limitSchema, nameSchema, pageSchema, timestampSchema } from "./common";

// Users, sessions, API tokens and roles. Shared by the sign-in, setup, users
// and tokens forms and their routes.

export const ROLES = ["viewer", "developer", "admin"] as const;
export const RoleSchema = z.enum(ROLES).meta({
  id: "Role",
  description: "viewer: read only; developer: APIs, models, deployments to unprotected stages, usage plans, keys; admin: everything.",
});
export type Role = z.infer<typeof RoleSchema>;

/** True when `role` may do what `required` may do. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** The lower of two roles: a token never acts above its user. */
export function lowerRole(a: Role, b: Role): Role {
  return ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// Length is what makes a password strong; composition rules only make people
// write predictable ones (NIST SP 800-63B). The upper bound keeps hashing cost bounded.
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `password must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const emailSchema = z
  .string()
  .trim()
  .max(320, "email must be at most 320 characters")
  .pipe(z.email("email must be an e-mail address, e.g. ana@example.com"));

export const userNameSchema = z.string().trim().max(128, "name must be at most 128 characters");

export const signInBodySchema = z.strictObject({
  email: z.string().trim().min(1, "email must not be empty").max(320),
  password: z.string().min(1, "password must not be empty").max(PASSWORD_MAX_LENGTH),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const setupBodySchema = z.strictObject({
  code: z.string().trim().min(1, "code must not be empty").max(128),
  email: emailSchema,
  name: userNameSchema.default(""),
  password: passwordSchema,
});
export type SetupBody = z.infer<typeof setupBodySchema>;

export const acceptInvitationBodySchema = z.strictObject({
  code: z.string().trim().min(1, "code must not be empty").max(128),
  name: userNameSchema.optional(),
  password: passwordSchema,
});
export type AcceptInvitationBody = z.infer<typeof acceptInvitationBodySchema>;

export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1, "currentPassword must not be empty").max(PASSWORD_MAX_LENGTH),
  newPassword: passwordSchema,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

export const UserSchema = z
  .object({
    id: idSchema,
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    disabled: z.boolean(),
    /** True until an invited user has accepted and set a password. */
    invitationPending: z.boolean(),
    invitationExpiresAt: timestampSchema.nullable(),
    lastSignInAt: timestampSchema.nullable(),
    createdAt: timestampSchema,
    /** "password", "oidc" or "invited". */
    signIn: z.enum(["password", "oidc", "invited"]),
  })
  .meta({ id: "User" });

export const listUsersQuerySchema = z.strictObject({
  cursor: cursorSchema.optional(),
  limit: limitSchema.optional(),
});

export const UserListSchema = pageSchema(UserSchema).meta({ id: "UserList" });
export type UserDto = z.infer<typeof UserSchema>;

export const MeSchema = z
  .object({
    user: z.object({ id: idSchema, email: z.string(), name: z.string(), role: RoleSchema }),
    /** How this request was authenticated; a token's role may be below its user's. */
    via: z.enum(["session", "token"]),
    passwordSignIn: z.boolean(),
  })
  .meta({ id: "Me" });
export type MeDto = z.infer<typeof MeSchema>;

export const AuthConfigSchema = z
  .object({
    /** False when no user exists yet: the console needs its first-run setup. */
    setUp: z.boolean(),
    passwordSignIn: z.boolean(),
    /** Single sign-on is configured (OIDC_ISSUER); the sign-in page offers it. */
    oidc: z.boolean(),
  })
  .meta({ id: "AuthConfig" });
export type AuthConfigDto = z.infer<typeof AuthConfigSchema>;

export const createUserBodySchema = z.strictObject({
  email: emailSchema,
  name: userNameSchema.optional(),
  role: RoleSchema,
});
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

export const updateUserBodySchema = z
  .strictObject({
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
    name: userNameSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "send at least one of role, disabled, name" });
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

export const TOKEN_MAX_DAYS = 366;

export const createTokenBodySchema = z.strictObject({
  name: nameSchema(128),
  role: RoleSchema.optional().meta({ description: "At most your own role; your role when omitted." }),
  expiresInDays: z
    .number()
    .int("expiresInDays must be a whole number")
    .min(1, "expiresInDays must be at least 1")
    .max(TOKEN_MAX_DAYS, `expiresInDays must be at most ${TOKEN_MAX_DAYS}`)
    .nullable()
    .optional()
    .meta({ description: "Days until the token stops working; null for no expiry. Default 90." }),
});
export type CreateTokenBody = z.infer<typeof createTokenBodySchema>;

export const ApiTokenSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    role: RoleSchema,
    prefix: z.string(),
    createdAt: timestampSchema,
    expiresAt: timestampSchema.nullable(),
    lastUsedAt: timestampSchema.nullable(),
    revokedAt: timestampSchema.nullable(),
  })
  .meta({ id: "ApiToken" });

export const listApiTokensQuerySchema = z.strictObject({
  cursor: cursorSchema.optional(),
  limit: limitSchema.optional(),
});

export const ApiTokenListSchema = pageSchema(ApiTokenSchema).meta({ id: "ApiTokenList" });
export type ApiTokenDto = z.infer<typeof ApiTokenSchema>;

export const CreatedApiTokenSchema = ApiTokenSchema.extend({
  value: z.string().meta({ description: "The token itself: shown this once, never again." }),
}).meta({ id: "CreatedApiToken" });

export const invitationQuerySchema = z.strictObject({ code: z.string().min(1).max(128) });
export const tokenParamsSchema = z.object({ tokenId: idSchema });
export const userParamsSchema = z.object({ userId: idSchema });
