import { afterEach, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';

let f: ReturnType<typeof freshApp>;
afterEach(() => f?.close());

describe('errors a client sees', () => {
  it('malformed JSON gets 400 MALFORMED_JSON, not a 500', async () => {
    f = freshApp();
    const admin = await f.login('admin');
    const res = await f.call('POST', '/api/users', admin.token, '{"username": "x",');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_JSON');
  });

  it('invalid fields get 400 with the zod issues naming each field', async () => {
    f = freshApp();
    const admin = await f.login('admin');
    const res = await admin.post('/api/users', { username: 'a', password: 1, role: 'king', regionCode: 'x' });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'password', 'role', 'regionCode']));
  });

  it('an unknown route gets 404 JSON', async () => {
    f = freshApp();
    const admin = await f.login('admin');
    const res = await admin.get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('an unknown region is 404, not 500', async () => {
    f = freshApp();
    const admin = await f.login('admin');
    expect((await admin.get('/api/regions/999999')).status).toBe(404);
    expect((await admin.patch('/api/regions/999999', { population: 3 })).status).toBe(404);
  });

  it('a body over the size limit is refused with 413', async () => {
    f = freshApp();
    const admin = await f.login('admin');
    const res = await f.call('POST', '/api/users', admin.token, JSON.stringify({ username: 'x'.repeat(13 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('responses carry secure headers and a request id', async () => {
    f = freshApp();
    const res = await f.call('GET', '/api/health', null);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('API reference', () => {
  it('publishes OpenAPI 3 generated from the route schemas, with a browsable page that needs no CDN', async () => {
    f = freshApp();
    const doc = await f.call('GET', '/api/openapi.json', null);
    expect(doc.body.openapi).toMatch(/^3\./);
    const users = doc.body.paths['/api/users'].post;
    const schema = users.requestBody.content['application/json'].schema;
    expect(schema.properties.role.enum).toEqual(['admin', 'officer', 'keeper', 'reporter', 'auditor']);
    const page = await f.call('GET', '/api/docs', null);
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('/api/docs/scalar.js');
    expect(String(page.body)).not.toContain('cdn.jsdelivr.net');
  });
});
