import { z } from "zod";

/**
 * Settings for registering with a Portico console and pulling the state
 * from it. All optional: without CONTROL_PLANE_URL the node only serves what
 * it is pushed (and what its data folder holds).
 */
export const controlPlaneConfigSchema = z.object({
  url: z
    .string()
    .url()
    .refine((value) => /^https?:\/\//.test(value), "must be an http:// or https:// URL")
    .transform((value) => value.replace(/\/+$/, "")),
  nodeName: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, "use 1 to 128 letters, digits, '.', '-' or '_'"),
  registrationToken: z.string().min(16, "use at least 16 characters"),
  /** The admin URL the console should push to; defaults to the address the admin API listens on. */
  advertiseAdminUrl: z.string().url().optional(),
});
export type ControlPlaneConfig = z.infer<typeof controlPlaneConfigSchema>;

const NAMES = {
  url: "CONTROL_PLANE_URL",
  nodeName: "GATEWAY_NODE_NAME",
  registrationToken: "GATEWAY_REGISTRATION_TOKEN",
  advertiseAdminUrl: "GATEWAY_ADVERTISE_ADMIN_URL",
} as const;

/** Null when CONTROL_PLANE_URL is unset; throws an Error naming each bad variable otherwise. */
export function loadControlPlaneConfig(env: Record<string, string | undefined>, defaultName: string): ControlPlaneConfig | null {
  const url = env[NAMES.url];
  if (url === undefined || url === "") return null;
  const result = controlPlaneConfigSchema.safeParse({
    url,
    nodeName: env[NAMES.nodeName] || defaultName,
    registrationToken: env[NAMES.registrationToken] ?? "",
    advertiseAdminUrl: env[NAMES.advertiseAdminUrl] || undefined,
  });
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `${NAMES[issue.path[0] as keyof typeof NAMES] ?? "environment"}: ${issue.message}`);
  throw new Error(
    `Invalid control-plane settings:\n  ${lines.join("\n  ")}\nFix them, or unset CONTROL_PLANE_URL to run without registering.`,
  );
}
