"use client";

import type { UsagePlanDto } from "@/lib/schemas/usage-plan";

/** Check boxes for the usage plans a key belongs to, with the stages each one covers. */
export function PlanPicker({
  plans,
  selected,
  onChange,
}: {
  plans: UsagePlanDto[];
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  if (plans.length === 0) {
    return <p className="text-[13px] text-zinc-500">No usage plans yet. Without a plan, a key is refused on every stage.</p>;
  }
  return (
    <ul className="flex max-h-48 flex-col gap-1 overflow-y-auto rounded-md p-1 ring-1 ring-zinc-200 ring-inset">
      {plans.map((plan) => {
        const checked = selected.includes(plan.id);
        const stages = plan.apiStages.map((stage) => `${stage.apiId}/${stage.stage}`).join(", ");
        return (
          <li key={plan.id}>
            <label className="flex cursor-pointer items-start gap-2 rounded px-2 py-1.5 text-[13px] hover:bg-zinc-50">
              <input
                type="checkbox"
                className="mt-0.5"
                checked={checked}
                onChange={(event) => onChange(event.target.checked ? [...selected, plan.id] : selected.filter((id) => id !== plan.id))}
              />
              <span className="min-w-0">
                <span className="font-medium text-zinc-900">{plan.name}</span>
                <span className="block truncate text-xs text-zinc-500">{stages || "No stages attached"}</span>
              </span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}
