import { z } from 'zod';

/** The OpenAPI description of a request body, from the same zod schema that validates it. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, any> {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return jsonSchema;
}
