import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../db/client';
import { seedNewDatabase } from '../../db/seed/index';
import { ADMIN_PASSWORD } from './constants';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDemo: string;
    templateBare: string;
  }
}

/**
 * Seeds two template databases once per run (reference + demo, reference only); every API test
 * copies one, so each gets a fresh database without re-hashing passwords and re-loading regions.
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'relief-templates-'));
  for (const [name, demo] of [['templateDemo', true], ['templateBare', false]] as const) {
    const path = join(dir, `${name}.db`);
    const db = openDatabase(path);
    seedNewDatabase(db, { demo, adminPassword: ADMIN_PASSWORD });
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    db.$client.close();
    project.provide(name, path);
  }
  return () => rmSync(dir, { recursive: true, force: true });
}
