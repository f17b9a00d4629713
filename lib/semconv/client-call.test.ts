import { describe, expect, it } from "vitest";
import type { Attributes } from "@/lib/model/attribute-value";
import { SpanKind } from "@/lib/model/span-kind";
import { clientCallOf } from "@/lib/semconv/client-call";

const { CLIENT, INTERNAL, SERVER } = SpanKind;

describe("clientCallOf", () => {
  it.each<[string, number, Attributes, ReturnType<typeof clientCallOf>]>([
    [
      "a pg query, new conventions (db.system.name, db.query.text, db.namespace)",
      CLIENT,
      {
        "db.system.name": "postgresql",
        "db.query.text": "SELECT * FROM orders WHERE id = $1",
        "db.namespace": "shop",
      },
      {
        type: "db",
        system: "postgresql",
        statement: "SELECT * FROM orders WHERE id = $1",
        namespace: "shop",
      },
    ],
    [
      "a pg query, old conventions (db.system, db.statement, db.name)",
      CLIENT,
      { "db.system": "postgresql", "db.statement": "SELECT 1", "db.name": "shop" },
      { type: "db", system: "postgresql", statement: "SELECT 1", namespace: "shop" },
    ],
    [
      "a pool connect span: a database call without a statement",
      CLIENT,
      { "db.system": "postgresql" },
      { type: "db", system: "postgresql", statement: null, namespace: null },
    ],
    [
      "an INTERNAL span of a database client",
      INTERNAL,
      { "db.system.name": "redis", "db.query.text": "GET product:1" },
      { type: "db", system: "redis", statement: "GET product:1", namespace: null },
    ],
    [
      "a fetch (undici), new conventions",
      CLIENT,
      { "url.full": "http://pricing:8080/prices/1234?currency=eur", "http.request.method": "GET" },
      {
        type: "http",
        method: "GET",
        url: "http://pricing:8080/prices/1234?currency=eur",
        target: "http://pricing:8080/prices/{id}",
      },
    ],
    [
      "an http client span, old conventions",
      CLIENT,
      { "http.url": "https://inventory/items/42", "http.method": "POST" },
      {
        type: "http",
        method: "POST",
        url: "https://inventory/items/42",
        target: "https://inventory/items/{id}",
      },
    ],
    [
      "a gRPC call",
      CLIENT,
      { "rpc.system": "grpc", "rpc.service": "shop.Pricing", "rpc.method": "Quote" },
      { type: "rpc", system: "grpc", service: "shop.Pricing", method: "Quote" },
    ],
    ["a SERVER span with a url is a request, not a call", SERVER, { "url.full": "http://shop/orders" }, null],
    ["an INTERNAL span with no db attributes", INTERNAL, { "code.function": "render" }, null],
    ["a CLIENT span with nothing to say what it calls", CLIENT, {}, null],
  ])("%s", (_name, kind, attributes, expected) => {
    expect(clientCallOf(kind, attributes)).toEqual(expected);
  });
});
