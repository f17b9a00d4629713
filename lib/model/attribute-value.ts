// Attribute values as stored and served, shared by the decoders, the API contract and the UI.
import { z } from "zod";

/**
 * An attribute value as stored and served. int64 values within ±2^53 become numbers, larger ones
 * decimal strings (JSON cannot carry them exactly); bytes become base64 strings; kvlists objects.
 */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | AttributeValue[]
  | { [key: string]: AttributeValue };

export type Attributes = Record<string, AttributeValue>;

export const attributeValueSchema: z.ZodType<AttributeValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(attributeValueSchema),
    z.record(z.string(), attributeValueSchema),
  ]),
);

export const attributesSchema = z.record(z.string(), attributeValueSchema);
