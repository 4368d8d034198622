import type { UsageItem } from "@/lib/schemas/usage-plan";

const BAR_HEIGHT = 22;
const GAP = 10;
const LABEL_WIDTH = 170;
const CHART_WIDTH = 640;

/**
 * Quota used per key in the current period, as horizontal bars against the
 * quota. A plain SVG: a handful of bars needs no chart library.
 */
export function UsageChart({ items }: { items: UsageItem[] }) {
  const height = items.length * (BAR_HEIGHT + GAP);
  const barSpace = CHART_WIDTH - LABEL_WIDTH - 90;
  return (
    <svg
      role="img"
      aria-label="Requests per key in the current quota period"
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      className="w-full max-w-3xl"
    >
      {items.map((item, index) => {
        const y = index * (BAR_HEIGHT + GAP);
        const share = item.limit === 0 ? 1 : Math.min(1, item.used / item.limit);
        const full = item.remaining === 0;
        return (
          <g key={item.apiKeyId} data-testid={`usage-bar-${item.apiKeyId}`}>
            <title>{`${item.apiKeyName}: ${item.used} of ${item.limit} used, ${item.remaining} remaining`}</title>
            <text x={0} y={y + BAR_HEIGHT / 2 + 4} className="fill-zinc-700 text-[12px]">
              {item.apiKeyName.length > 22 ? `${item.apiKeyName.slice(0, 21)}…` : item.apiKeyName}
            </text>
            <rect x={LABEL_WIDTH} y={y} width={barSpace} height={BAR_HEIGHT} rx={4} className="fill-zinc-100" />
            <rect
              x={LABEL_WIDTH}
              y={y}
              width={Math.max(share > 0 ? 2 : 0, share * barSpace)}
              height={BAR_HEIGHT}
              rx={4}
              className={full ? "fill-red-500" : "fill-zinc-800"}
            />
            <text x={LABEL_WIDTH + barSpace + 8} y={y + BAR_HEIGHT / 2 + 4} className="fill-zinc-500 text-[12px] tabular-nums">
              {`${item.used} / ${item.limit}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
