import { formatChange } from "@/lib/charts/service-ranking";

interface ChangeProps {
  change: number | "new" | null;
  /** what changed, for the tooltip and the test id: "p95", "error rate" */
  what: string;
  /** on its own line (in a narrow table cell) rather than after the value */
  block?: boolean;
}

/** A change against the previous window, red when it rose ("▲ +240 %"); nothing when flat. */
export function Change({ change, what, block = false }: ChangeProps) {
  const text = formatChange(change);
  if (text === "") return null;
  const rose = text.startsWith("▲");
  return (
    <span
      data-testid={block ? `endpoint-${what}-change` : `${what}-change`}
      title={`${what} against the previous window of the same length`}
      className={`text-xs whitespace-nowrap ${block ? "block" : "ml-1"} ${rose ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}
    >
      {text}
    </span>
  );
}
