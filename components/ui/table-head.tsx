import type { ReactNode } from "react";
import { cn } from "@/components/lib/cn";

export type TableColumn = {
  label: ReactNode;
  /** Width and alignment of the column, e.g. "w-[28%]". */
  className?: string;
};

/** The header row of the console's list tables. A column without a visible label (row actions) still needs one for screen readers. */
export function TableHead({ columns }: { columns: TableColumn[] }) {
  return (
    <thead className="border-b border-zinc-100 bg-zinc-50/60">
      <tr>
        {columns.map((column, index) => (
          <th key={index} scope="col" className={cn("px-4 py-2.5 text-left text-[12px] font-medium text-zinc-500", column.className)}>
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The label of the row-actions column: heard, not seen. */
export const ACTIONS_LABEL = <span className="sr-only">Actions</span>;
