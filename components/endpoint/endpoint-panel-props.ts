import type { EndpointTarget } from "@/lib/url-state/dashboard-url";
import type { TimeRange } from "@/lib/url-state/time-range";

/** What every panel of the endpoint page is given: the endpoint, the range, and whether to refresh. */
export interface EndpointPanelProps {
  target: EndpointTarget;
  range: TimeRange;
  autoRefresh: boolean;
}
