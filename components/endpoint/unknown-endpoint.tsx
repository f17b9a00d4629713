import Link from "next/link";
import { EmptyPanel } from "@/components/dashboard/dashboard-states";
import { type EndpointTarget, endpointHref, sectionHref } from "@/lib/url-state/dashboard-url";

interface UnknownEndpointProps {
  target: EndpointTarget;
  /** the service's endpoints with requests in the range */
  endpoints: readonly string[];
  /** every service with requests in the range; null while loading */
  services: readonly string[] | null;
  search: URLSearchParams;
  rangeText: string;
}

/**
 * A link naming an endpoint (or a whole service) without requests in the range: say so and list
 * what does exist, rather than draw empty charts over an invented axis.
 */
export function UnknownEndpoint({ target, endpoints, services, search, rangeText }: UnknownEndpointProps) {
  const linkClass = "font-mono text-[13px] text-blue-700 underline break-all dark:text-blue-400";
  if (endpoints.length > 0) {
    return (
      <EmptyPanel title={`No requests to ${target.endpoint} in this range`}>
        <p>
          {target.service} received no request on this endpoint in {rangeText}. Pick a longer range, or one of
          its endpoints that did:
        </p>
        <ul className="flex flex-col gap-1">
          {endpoints.map((endpoint) => (
            <li key={endpoint}>
              <Link href={endpointHref({ service: target.service, endpoint }, search)} className={linkClass}>
                {endpoint}
              </Link>
            </li>
          ))}
        </ul>
      </EmptyPanel>
    );
  }
  return (
    <EmptyPanel title={`Unknown service: ${target.service}`}>
      <p>
        No service named “{target.service}” sent a request in {rangeText}. Pick a longer range
        {services && services.length > 0 ? ", or one of the services that did:" : "."}
      </p>
      {services && services.length > 0 ? (
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {services.map((service) => (
            <li key={service}>
              <Link href={sectionHref("/", search, service)} className={linkClass}>
                {service}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </EmptyPanel>
  );
}
