const code = "font-mono text-xs";

/** What Tracewell counts as a cache lookup (lib/cache/cache-lookup.ts), for the empty states. */
export function CacheLookupHelp() {
  return (
    <>
      A lookup is a span inside a request of the same service that records{" "}
      <code className={code}>cache.hit</code> (true or false) or <code className={code}>cache.result</code> /{" "}
      <code className={code}>cache.status</code> (&quot;hit&quot; or &quot;miss&quot;), such as a Redis GET;
      an <code className={code}>X-Cache</code> or <code className={code}>Cache-Status</code> response header
      counts too. Lookups are attributed to their request a few seconds after the trace stops receiving spans.
    </>
  );
}
