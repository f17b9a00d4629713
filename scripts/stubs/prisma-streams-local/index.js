// See package.json: only `prisma dev` would load this, and Tracewell does not use `prisma dev`.
export function startLocalDurableStreamsServer() {
  throw new Error(
    "`prisma dev` is not part of Tracewell: it starts its own embedded PostgreSQL (npm start).",
  );
}
