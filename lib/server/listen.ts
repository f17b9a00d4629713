// Binding a listener with an error that says what to change: a port already taken names the
// environment variable that chose it, rather than Node's bare `listen EADDRINUSE`.
import type http from "node:http";
import type { AddressInfo } from "node:net";

export function listen(server: http.Server, port: number, host: string, variable: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(listenError(error, port, host, variable)));
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** The message for a listener that could not start: which variable to change, and how. */
export function listenError(
  error: NodeJS.ErrnoException,
  port: number,
  host: string,
  variable: string,
): Error {
  if (error.code === "EADDRINUSE") {
    return new Error(
      `Port ${port} on ${host} is already in use (${variable}): stop the other process, or start Tracewell with ${variable} set to a free port, e.g. ${variable}=${port + 1}.`,
    );
  }
  if (error.code === "EACCES") {
    return new Error(
      `Port ${port} on ${host} needs privileges (${variable}): pick a port above 1023, e.g. ${variable}=${port + 8000}.`,
    );
  }
  return new Error(`Could not listen on ${host}:${port} (${variable}): ${error.message}`);
}
