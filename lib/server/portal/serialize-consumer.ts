import "server-only";

import type { Consumer } from "@/lib/generated/prisma/client";
import type { ConsumerDto, ConsumerStatusDto } from "@/lib/schemas/portal";

export function consumerStatusOf(status: Consumer["status"]): ConsumerStatusDto {
  return status.toLowerCase() as ConsumerStatusDto;
}

export function toConsumerDto(consumer: Consumer): ConsumerDto {
  return {
    id: consumer.id,
    email: consumer.email,
    name: consumer.name,
    organization: consumer.organization,
    status: consumerStatusOf(consumer.status),
    emailVerified: consumer.emailVerifiedAt !== null,
    lastSignInAt: consumer.lastSignInAt?.toISOString() ?? null,
    createdAt: consumer.createdAt.toISOString(),
  };
}

export function consumerActor(consumer: { id: string; email: string }, request: { requestId: string; ip: string; userAgent: string }) {
  return { type: "consumer" as const, id: consumer.id, name: consumer.email, role: "viewer" as const, ...request };
}
