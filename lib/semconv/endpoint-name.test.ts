import { describe, expect, it } from "vitest";
import { SpanKind } from "@/lib/model/span-kind";
import { endpointOf, httpStatusOf, templatePath } from "@/lib/semconv/endpoint-name";

const { SERVER } = SpanKind;
const { CLIENT } = SpanKind;
const { INTERNAL } = SpanKind;
const { CONSUMER } = SpanKind;

describe("endpointOf", () => {
  it.each([
    [
      "stable semconv method + route",
      SERVER,
      "GET",
      { "http.request.method": "GET", "http.route": "/orders/{id}" },
      "GET /orders/{id}",
    ],
    [
      "old http.method + route",
      SERVER,
      "GET",
      { "http.method": "POST", "http.route": "/cart" },
      "POST /cart",
    ],
    ["route without a method", SERVER, "x", { "http.route": "/health" }, "/health"],
    [
      "old http.target with numeric id and query",
      SERVER,
      "GET",
      { "http.method": "GET", "http.target": "/orders/8812?expand=1" },
      "GET /orders/{id}",
    ],
    [
      "url.path with a uuid",
      SERVER,
      "GET",
      { "http.request.method": "DELETE", "url.path": "/carts/4f0c1a7e-9a0b-4c1d-8e2f-0123456789ab/items/7" },
      "DELETE /carts/{id}/items/{id}",
    ],
    ["no http attributes: span name", SERVER, "CheckoutService/PlaceOrder", {}, "CheckoutService/PlaceOrder"],
    ["span name with an id templated", SERVER, "GET /users/12345", {}, "GET /users/{id}"],
    [
      "queue consumer: span name",
      CONSUMER,
      "orders process",
      { "messaging.system": "kafka" },
      "orders process",
    ],
    ["empty route falls back", SERVER, "GET /x", { "http.route": "  " }, "GET /x"],
  ])("%s", (_shape, kind, name, attributes, expected) => {
    expect(endpointOf(kind, name, attributes)).toBe(expected);
  });

  it.each([
    ["CLIENT", CLIENT],
    ["INTERNAL", INTERNAL],
  ])("a %s span is not a request", (_name, kind) => {
    expect(endpointOf(kind, "GET", { "http.route": "/x" })).toBeNull();
  });

  it("keeps cardinality bounded: a thousand ids are one endpoint", () => {
    const endpoints = new Set(
      Array.from({ length: 1000 }, (_, i) =>
        endpointOf(SERVER, "GET", { "http.method": "GET", "http.target": `/o/${i}` }),
      ),
    );
    expect([...endpoints]).toEqual(["GET /o/{id}"]);
  });

  it("clips very long names", () => {
    expect(endpointOf(SERVER, "x".repeat(500), {})?.length).toBe(200);
  });
});

describe("templatePath", () => {
  it.each([
    ["/", "/"],
    ["", "/"],
    ["/static/app.js", "/static/app.js"],
    ["/v2/items/0123456789abcdef0123", "/v2/items/{id}"],
    ["/s/eyJhbGciOiJIUzI1NiIsInR5cCI6", "/s/{id}"],
    ["/api/v1/search#frag", "/api/v1/search"],
  ])("%s → %s", (input, expected) => {
    expect(templatePath(input)).toBe(expected);
  });
});

describe("httpStatusOf", () => {
  it.each([
    ["stable attribute", { "http.response.status_code": 503 }, 503],
    ["old attribute", { "http.status_code": 404 }, 404],
    ["string value", { "http.response.status_code": "500" }, 500],
    ["garbage", { "http.response.status_code": "oops" }, null],
    ["absent", {}, null],
  ])("%s", (_shape, attributes, expected) => {
    expect(httpStatusOf(attributes)).toBe(expected);
  });
});
