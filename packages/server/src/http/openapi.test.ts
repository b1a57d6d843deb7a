import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../routes/index.ts';
import { createTestServer, type TestServer } from '../testing/test-server.ts';

describe('OpenAPI document', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(async () => server?.close());

  it('describes every JSON API route with its role, parameters and body', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { openapi: string; paths: Record<string, Record<string, Record<string, unknown>>> };
    expect(doc.openapi).toBe('3.1.0');
    const api = allRoutes.filter((r) => r.kind === 'api');
    expect(api.length).toBeGreaterThan(20);
    for (const route of api) {
      const op = doc.paths[route.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.url}`).toBeDefined();
      expect(op?.['x-netra-role']).toBe(route.role);
    }
    const decide = doc.paths['/api/review/items/{id}/decisions']?.post as {
      parameters: { name: string; in: string }[];
      requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } };
    };
    expect(decide.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path' }));
    expect(Object.keys(decide.requestBody.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['decision', 'label', 'candidate', 'note']),
    );
  });
});
