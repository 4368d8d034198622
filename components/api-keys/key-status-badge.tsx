import type { ApiKeyDto, ApiKeyStatus } from "@/lib/schemas/api-key";
import { Badge } from "@/components/ui/badge";

const TONES = { enabled: "green", disabled: "neutral", expiring: "amber", expired: "neutral", revoked: "red" } as const;
const LABELS: Record<ApiKeyStatus, string> = {
  enabled: "Enabled",
  disabled: "Disabled",
  expiring: "Expiring",
  expired: "Expired",
  revoked: "Revoked",
};

/** A key's state; an expiring key says until when (the end of its rotation's grace period). */
export function KeyStatusBadge({ apiKey }: { apiKey: Pick<ApiKeyDto, "status" | "expiresAt"> }) {
  const until = apiKey.status === "expiring" && apiKey.expiresAt ? ` until ${new Date(apiKey.expiresAt).toLocaleString()}` : "";
  return <Badge tone={TONES[apiKey.status]}>{`${LABELS[apiKey.status]}${until}`}</Badge>;
}
