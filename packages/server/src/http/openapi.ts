import { z } from 'zod';
import type { RouteDef } from './route.ts';

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const js = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: location,
    required: location === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

/** The OpenAPI 3.1 document of the JSON API, generated from the same route definitions the server runs. */
export function buildOpenApi(routes: readonly RouteDef[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes.filter((r) => r.kind === 'api')) {
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      summary: route.summary,
      tags: [route.tag],
      'x-netra-role': route.role,
      security: route.role === 'public' ? [] : [{ session: [] }],
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } } }
        : {}),
      responses: {
        '200': {
          description: 'OK',
          ...(route.response ? { content: { 'application/json': { schema: jsonSchema(route.response) } } } : {}),
        },
        '400': { description: 'Invalid input: `error.details.issues` names each field' },
        ...(route.role === 'public'
          ? {}
          : {
              '401': { description: 'Not signed in' },
              '403': { description: `Needs role ${route.role} or higher, or CSRF token missing` },
            }),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Netra API',
      version: '0.1.0',
      description: 'Writes need the `x-csrf-token` header from /api/auth/me.',
    },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'netra_session' } } },
    paths,
  };
}
