// Version changes as chart markers: each service.version that appeared while an earlier one was
// already serving (the first version of the window was running when it began, so it marks no
// change), at the start of the chart step in which it was first seen, if that step is on the chart.
import type { ServiceVersion } from "@/lib/contracts/version-schemas";

export interface ChartMarker {
  t: number;
  label: string;
}

/** `firstStepT`/`lastStepT`: the starts of the chart's first and last steps, `stepMs` apart. */
export function versionMarkers(
  versions: readonly ServiceVersion[],
  firstStepT: number,
  lastStepT: number,
  stepMs: number,
): ChartMarker[] {
  const byFirstSeen = [...versions].sort((a, b) => a.firstSeen - b.firstSeen);
  return byFirstSeen
    .slice(1)
    .filter((v) => v.firstSeen >= firstStepT && v.firstSeen < lastStepT + stepMs)
    .map((v) => ({
      t: firstStepT + Math.floor((v.firstSeen - firstStepT) / stepMs) * stepMs,
      label: v.version,
    }));
}
