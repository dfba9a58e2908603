import { z } from 'zod';
import { newRouter, route, jsonBody } from '../../http/router';
import { commitWrite } from '../../http/write';
import { UserInput, UserPatch } from './schemas';
import { createUser, listUsers, patchUser } from './service';

const IdParam = z.object({ id: z.coerce.number().int().positive() });

export function userRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'post', path: '/', tags: ['users'], summary: '新建用户 Create a user (admin)', roles: ['admin'], request: jsonBody(UserInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => createUser(tx, w, input));
  });
  r.openapi(route({ method: 'get', path: '/', tags: ['users'], summary: 'List users (admin)', roles: ['admin'] }), (c) => {
    const { db, tree } = c.var.deps;
    return c.json({ users: listUsers(db).map((u) => ({ ...u, regionName: tree.get(u.regionCode)?.name ?? null })) }, 200);
  });
  r.openapi(route({ method: 'patch', path: '/{id}', tags: ['users'], summary: 'Change a user (admin): name, password, depots, disabled', roles: ['admin'], request: { params: IdParam, ...jsonBody(UserPatch) } }), (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    return commitWrite(c, 200, (tx, w) => patchUser(tx, w, id, patch));
  });
  return r;
}
