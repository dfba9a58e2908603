import { randomBytes } from 'node:crypto';
import type { Db } from '../client';
import { users } from '../schema/index';
import { hashPassword } from '../../api/modules/auth/passwords';

export function createAdmin(db: Db, password: string | undefined, regionCode: string) {
  // Generated passwords are letters and digits only, with both guaranteed: easy to copy from a terminal.
  const generated = !password;
  const pw = password ?? `${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}7a`;
  db.insert(users).values({
    username: 'admin', displayName: '系统管理员', passwordHash: hashPassword(pw), role: 'admin',
    regionCode, createdAt: new Date().toISOString(),
  }).run();
  return { username: 'admin', password: pw, generated };
}
