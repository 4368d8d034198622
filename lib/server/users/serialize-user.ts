import "server-only";

import type { Role, UserDto } from "@/lib/schemas/auth";

type UserRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  passwordHash: string | null;
  invitationHash: string | null;
  invitationExpiresAt: Date | null;
  oidcSubject: string | null;
  lastSignInAt: Date | null;
  createdAt: Date;
};

export function toUserDto(row: UserRow): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    disabled: row.disabled,
    invitationPending: row.invitationHash !== null,
    invitationExpiresAt: row.invitationExpiresAt?.toISOString() ?? null,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    signIn: row.passwordHash !== null ? "password" : row.oidcSubject !== null ? "oidc" : "invited",
  };
}
