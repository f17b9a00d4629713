import { serviceColor } from "@/lib/trace/service-colors";

/** The small coloured square that ties a service's bars, rows and legend entry together. */
export function ServiceSwatch({ service, className = "" }: { service: string; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={`inline-block size-2.5 shrink-0 rounded-sm ${className}`}
      style={{ backgroundColor: serviceColor(service) }}
    />
  );
}
