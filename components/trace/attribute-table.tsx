import { formatAttributeValue, sortedAttributeEntries } from "@/lib/format/attribute-value";

const valueTone = {
  string: "",
  number: "text-blue-700 dark:text-blue-300",
  boolean: "text-purple-700 dark:text-purple-300",
  null: "italic text-zinc-500",
  json: "font-mono text-xs",
} as const;

/**
 * Key/value attributes as plain text nodes: whatever a service put in a value (markup, scripts)
 * is shown literally, never interpreted. Long values wrap and scroll instead of widening the panel.
 */
export function AttributeTable({
  attributes,
  emptyText,
}: {
  attributes: Record<string, unknown>;
  emptyText: string;
}) {
  const entries = sortedAttributeEntries(attributes);
  if (entries.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{emptyText}</p>;
  return (
    <dl className="grid grid-cols-[fit-content(40%)_minmax(0,1fr)] gap-x-3 text-sm">
      {entries.map(([key, value]) => {
        const { text, kind } = formatAttributeValue(value);
        return (
          <div key={key} className="contents">
            <dt className="border-t border-zinc-100 py-1 font-mono text-xs break-all text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
              {key}
            </dt>
            <dd
              className={`max-h-60 overflow-auto border-t border-zinc-100 py-1 break-words whitespace-pre-wrap dark:border-zinc-800 ${valueTone[kind]}`}
            >
              {text}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
