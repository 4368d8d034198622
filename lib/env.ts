import { z } from "zod";

// The console's configuration, parsed once from the process environment.
// Nothing else in the console reads process.env: import `env` from here.
// The gateway has its own configuration (gateway/config.ts) because it runs
// as a separate process with different settings.
//
// This module has no server-only marker on purpose: it is imported by route
// handlers, by lib/server/** and by the scripts that run under tsx outside
// Next.js. It must never be imported from a client component (the values
// include secrets).

/** "a, b,,c" → ["a", "b", "c"]: lists in one variable, blanks ignored. */
const commaList = (value: unknown) =>
  typeof value === "string"
    ? value
        .split(",")
        .map((part) => part.trim())
        .filter((part) => part !== "")
    : value;

const emptyAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const postgresUrl = z.url().refine((value) => /^postgres(ql)?:\/\//.test(value), {
  message: "must be a postgresql:// URL, e.g. postgresql://user@127.0.0.1:5432/portico",
});

const httpUrl = z.url().refine((value) => /^https?:\/\//.test(value), { message: "must be an http:// or https:// URL" });

const port = z.coerce.number().int().min(1).max(65535);

export const envSchema = z.object({
  /** PostgreSQL connection URL. `npm start` provides one (embedded PostgreSQL) when unset. */
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  /** Where `npm start` keeps its state (embedded PostgreSQL, gateway data, admin token); default .data in the project. */
  PORTICO_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
  PORTICO_POSTGRES_HOME: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** Port of the console. */
  PORT: z.preprocess(emptyAsUndefined, port.default(3000)),
  /** Admin API base URLs of the gateway nodes the console pushes to, comma-separated. */
  GATEWAY_NODES: z.preprocess(commaList, z.array(httpUrl).default([])),
  /** Bearer token for the admin API of the nodes in GATEWAY_NODES (registered nodes send their own). */
  GATEWAY_ADMIN_TOKEN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .min(32, "use at least 32 characters (e.g. openssl rand -hex 32): it lets its holder change what every node serves")
      .optional(),
  ),
  /** Admin URLs registering nodes may announce: comma-separated patterns, `*` for any run of characters (http://10.0.*:8081); loopback only when unset. */
  GATEWAY_ALLOWED_ADMIN_URLS: z.preprocess(
    commaList,
    z.array(z.string().regex(/^https?:\/\//, "each pattern must start with http:// or https://")).default([]),
  ),
  /** "true": nodes that register with the token serve at once, without an admin's approval. */
  GATEWAY_AUTO_APPROVE: z.preprocess(
    emptyAsUndefined,
    z
      .enum(["true", "false"])
      .default("false")
      .transform((value) => value === "true"),
  ),
  /** Token gateway nodes present to register themselves and pull the state (POST /api/v1/gateway/register); registration is off without it. */
  GATEWAY_REGISTRATION_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, "use at least 16 characters").optional()),
  /** Base of the invoke URLs shown to users: <PUBLIC_GATEWAY_URL>/<apiId>/<stage>/... (default http://127.0.0.1:<GATEWAY_PORT>). */
  PUBLIC_GATEWAY_URL: z.preprocess(emptyAsUndefined, httpUrl.transform((value) => value.replace(/\/+$/, "")).optional()),
  /** Proxy port of the gateway node that `npm start` runs beside the console. */
  GATEWAY_PORT: z.preprocess(emptyAsUndefined, port.default(8080)),
  /** Admin port of that gateway node. */
  GATEWAY_ADMIN_PORT: z.preprocess(emptyAsUndefined, port.default(8081)),
  /** Redis, shared with the gateways for usage counters; optional. */
  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url()
      .refine((value) => /^rediss?:\/\//.test(value), { message: "must be a redis:// or rediss:// URL" })
      .optional(),
  ),
  /** Days of traffic metrics kept (per minute for the last 48 hours, per hour before that). */
  METRICS_RETENTION_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(3, "keep at least 3 days").max(3650).default(30)),
  /** Seconds between two collections of the gateway nodes' traffic aggregates; 0 collects only when a dashboard asks. */
  METRICS_COLLECT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(3600).default(15)),
  /** The console's public URL (e.g. https://portico.example.com): the only host name answered besides loopback, and the origin browser writes must come from. */
  PUBLIC_CONSOLE_URL: z.preprocess(emptyAsUndefined, httpUrl.transform((value) => value.replace(/\/+$/, "")).optional()),
  /** A session ends after this many hours without a request. */
  SESSION_IDLE_HOURS: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(12),
  ),
  /** A session ends this many days after sign-in, however active. */
  SESSION_MAX_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(365).default(7)),
  /** With no user in the database, the start creates this admin (with PORTICO_ADMIN_PASSWORD). */
  PORTICO_ADMIN_EMAIL: z.preprocess(emptyAsUndefined, z.email("must be an e-mail address").optional()),
  PORTICO_ADMIN_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(12, "use at least 12 characters").max(256).optional()),
  /** "false" turns password sign-in off (single sign-on only). */
  PASSWORD_SIGN_IN: z.preprocess(
    emptyAsUndefined,
    z
      .enum(["true", "false"])
      .default("true")
      .transform((value) => value === "true"),
  ),
  /** OpenID Connect single sign-on: the issuer URL, and the client registered with it. */
  OIDC_ISSUER: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  OIDC_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  OIDC_CLIENT_SECRET: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  /** The scopes asked of the provider; the email is needed, a role claim may come with another scope. */
  OIDC_SCOPES: z.preprocess(emptyAsUndefined, z.string().min(1).default("openid email profile")),
  /** The ID token claim holding the user's role ("admin", "developer" or "viewer"); other values fall back to OIDC_DEFAULT_ROLE. */
  OIDC_ROLE_CLAIM: z.preprocess(emptyAsUndefined, z.string().min(1).default("portico_role")),
  OIDC_DEFAULT_ROLE: z.preprocess(emptyAsUndefined, z.enum(["viewer", "developer", "admin"]).default("viewer")),
  /** The developer portal's sign-up mode until an admin picks one in the console: open, approval (an admin approves each consumer) or invite. */
  PORTAL_SIGNUP: z.preprocess(emptyAsUndefined, z.enum(["open", "approval", "invite"]).default("open")),
  /** SMTP server for the portal's mail (smtp://user:pass@host:587, smtps://...); without it, links are shown to admins instead. */
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url()
      .refine((value) => /^smtps?:\/\//.test(value), { message: "must be an smtp:// or smtps:// URL" })
      .optional(),
  ),
  /** The From address of the portal's mail. */
  SMTP_FROM: z.preprocess(emptyAsUndefined, z.string().min(3).default("Portico <no-reply@localhost>")),
  NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(["development", "production", "test"]).default("development")),
});

/** Settings that only work as a set. */
function requireTogether(value: z.infer<typeof envSchema>, context: z.RefinementCtx): void {
  if (value.OIDC_ISSUER !== undefined && value.OIDC_CLIENT_ID === undefined) {
    context.addIssue({
      code: "custom",
      path: ["OIDC_CLIENT_ID"],
      message: "is required with OIDC_ISSUER (the client registered with the provider)",
    });
  }
  if (!value.PASSWORD_SIGN_IN && value.OIDC_ISSUER === undefined) {
    context.addIssue({
      code: "custom",
      path: ["PASSWORD_SIGN_IN"],
      message: "can be false only with single sign-on configured (OIDC_ISSUER), or nobody could sign in",
    });
  }
}

export type Env = Omit<z.infer<typeof envSchema>, "PUBLIC_GATEWAY_URL"> & { PUBLIC_GATEWAY_URL: string };

/**
 * Parses an environment (process.env by default) and throws one error that
 * names every invalid variable, so a misconfigured start fails at once with
 * a message that says what to fix.
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.superRefine(requireTogether).safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(environment)"}: ${issue.message}`).join("\n");
    throw new Error(`Invalid environment variables:\n${problems}\nFix them (or unset them to use the defaults) and start again.`);
  }
  return {
    ...result.data,
    PUBLIC_GATEWAY_URL: result.data.PUBLIC_GATEWAY_URL ?? `http://127.0.0.1:${result.data.GATEWAY_PORT}`,
  };
}

export const env: Env = parseEnv(process.env);
