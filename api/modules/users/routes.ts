import { z } from 'zod';
import { newRouter, route, jsonBody } from '../../http/router';
import { assertRole } from '../../http/scope';
import { commitWrite } from '../../http/write';
import { UserInput, UserPatch } from './schemas';
import { createUser, listUsers, patchUser } from './service';

const IdParam = z.object({ id: z.coerce.number().int().positive() });

export function userRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'post', path: '/', tags: ['users'], summary: '新建用户 Create a user (admin)', request: jsonBody(UserInput) }), (c) => {
    assertRole(c.var.actor, 'admin');
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => createUser(tx, w, input));
  });
  r.openapi(route({ method: 'get', path: '/', tags: ['users'], summary: 'List users (admin)' }), (c) => {
    assertRole(c.var.actor, 'admin');
    return c.json({ users: listUsers(c.var.deps.db) }, 200);
  });
  r.openapi(route({ method: 'patch', path: '/{id}', tags: ['users'], summary: 'Change a user (admin): name, password, depots, disabled', request: { params: IdParam, ...jsonBody(UserPatch) } }), (c) => {
    assertRole(c.var.actor, 'admin');
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => patchUser(tx, w, id, patch));
  });
  return r;
}
