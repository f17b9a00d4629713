"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useOptimistic, useTransition } from "react";

/**
 * The selected span lives in the URL (`?span={spanId}`) so a pasted link opens the same view.
 * The optimistic value answers a click or key press at once, while router.replace updates the
 * address in the background; rapid arrow-key presses thus never flicker back to an older span.
 */
export function useSpanSelection() {
  const router = useRouter();
  const pathname = usePathname();
  const urlSpanId = useSearchParams().get("span");
  const [selectedSpanId, setOptimisticSpanId] = useOptimistic(urlSpanId);
  const [, startTransition] = useTransition();

  const select = useCallback(
    (spanId: string | null) => {
      startTransition(() => {
        setOptimisticSpanId(spanId);
        // Read the live query string so other parameters survive and `select` stays stable.
        const params = new URLSearchParams(window.location.search);
        if (spanId === null) params.delete("span");
        else params.set("span", spanId);
        const query = params.toString();
        router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
      });
    },
    [router, pathname, setOptimisticSpanId],
  );

  return { selectedSpanId, select };
}
