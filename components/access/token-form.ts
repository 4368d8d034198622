import type { FieldErrors } from "@/components/lib/api-client";
import { validateFields } from "@/components/lib/zod-errors";
import { createTokenBodySchema, type CreateTokenBody, type Role } from "@/lib/schemas/auth";

export const DEFAULT_TOKEN_DAYS = "90";

/** What the new-token form holds; the role is empty until the person picks one (the server then uses theirs). */
export type TokenForm = { name: string; role: Role | ""; days: string; noExpiry: boolean };

export const EMPTY_TOKEN_FORM: TokenForm = { name: "", role: "", days: DEFAULT_TOKEN_DAYS, noExpiry: false };

/** The request body the form stands for, or the messages to show under its fields (same checks as the server's). */
export function tokenBodyFromForm(form: TokenForm): { body: CreateTokenBody; errors: null } | { body: null; errors: FieldErrors } {
  const days = form.days.trim();
  // An empty or non-numeric field must fail as "not a number", not be sent as 0 or NaN.
  const expiresInDays = form.noExpiry ? null : days === "" || !/^-?\d+(\.\d+)?$/.test(days) ? Number.NaN : Number(days);
  const body = { name: form.name.trim(), ...(form.role ? { role: form.role } : {}), expiresInDays };
  if (Number.isNaN(expiresInDays))
    return { body: null, errors: { expiresInDays: "Give the number of days, e.g. 90, or choose no expiry" } };
  const errors = validateFields(createTokenBodySchema, body);
  if (Object.keys(errors).length > 0) return { body: null, errors };
  return { body, errors: null };
}
