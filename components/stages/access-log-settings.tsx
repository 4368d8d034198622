"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ACCESS_LOG_PRESETS, type AccessLogPreset, type AccessLogSettings } from "@/lib/contracts/access-log";

export type AccessLogDraft = { enabled: boolean; format: string; destination: "" | "stdout" | "file" };

export function accessLogDraftOf(settings: AccessLogSettings | null | undefined): AccessLogDraft {
  return settings
    ? { enabled: true, format: settings.format, destination: settings.destination ?? "" }
    : { enabled: false, format: ACCESS_LOG_PRESETS.JSON, destination: "" };
}

/** What the stages API takes: the settings, or null to turn access logging off. */
export function accessLogSettingsOf(draft: AccessLogDraft): AccessLogSettings | null {
  if (!draft.enabled) return null;
  return draft.destination === "" ? { format: draft.format } : { format: draft.format, destination: draft.destination };
}

const PRESETS = Object.keys(ACCESS_LOG_PRESETS) as AccessLogPreset[];

/** The access-log part of a stage's settings: on or off, a format of $context variables (with API Gateway's presets), a destination. */
export function AccessLogSettingsSection({
  draft,
  onChange,
  error,
}: {
  draft: AccessLogDraft;
  onChange: (draft: AccessLogDraft) => void;
  error?: string;
}) {
  return (
    <fieldset className="space-y-3 rounded-md border border-zinc-200 p-3">
      <label className="flex items-start gap-2.5 text-sm">
        <input
          type="checkbox"
          className="mt-0.5 size-4 accent-zinc-900"
          checked={draft.enabled}
          onChange={(event) => onChange({ ...draft, enabled: event.target.checked })}
        />
        <span>
          <span className="font-medium text-zinc-900">Access logging</span>
          <span className="block text-xs text-zinc-500">
            Each gateway node writes one line per request in this format. Off: the node&apos;s default JSON line.
          </span>
        </span>
      </label>
      {draft.enabled ? (
        <>
          <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Format presets">
            <span className="text-xs text-zinc-500">Presets:</span>
            {PRESETS.map((preset) => (
              <Button key={preset} size="sm" variant="ghost" onClick={() => onChange({ ...draft, format: ACCESS_LOG_PRESETS[preset] })}>
                {preset}
              </Button>
            ))}
          </div>
          <Field
            label="Log format"
            hint="One line of $context variables, e.g. $context.requestId $context.status $context.integrationLatency $context.portico.denialReason. Keys, tokens and bodies are never logged."
            error={error}
          >
            <Textarea
              value={draft.format}
              onChange={(event) => onChange({ ...draft, format: event.target.value })}
              className="font-mono text-[12px]"
              rows={4}
            />
          </Field>
          <Field label="Destination" hint="A node without GATEWAY_ACCESS_LOG_FILE writes to stdout.">
            <Select
              value={draft.destination}
              onChange={(event) => onChange({ ...draft, destination: event.target.value as AccessLogDraft["destination"] })}
              options={[
                { value: "", label: "The node's default" },
                { value: "stdout", label: "Standard output" },
                { value: "file", label: "The node's access-log file" },
              ]}
            />
          </Field>
        </>
      ) : null}
    </fieldset>
  );
}
