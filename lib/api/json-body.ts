// A JSON request body checked against its zod schema; a 400 that shows the expected shape otherwise.
import type { z } from "zod";
import { BadRequestError } from "@/lib/model/request-errors";

export async function parseJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  example: string,
): Promise<z.infer<Schema>> {
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    json = undefined;
  }
  const body = schema.safeParse(json);
  if (!body.success) {
    const issue = body.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new BadRequestError(
      `the body must be JSON like ${example}: ${where}${issue?.message ?? "invalid"}`,
    );
  }
  return body.data;
}
