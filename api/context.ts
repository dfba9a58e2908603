import type { Db } from '../db/client';
import type { RegionTree } from './modules/regions/tree';
import type { AppConfig } from './config';
import type { Role } from './modules/users/schemas';

/** Who is acting: resolved from the bearer token on every request. */
export interface Actor {
  id: number;
  username: string;
  role: Role;
  regionCode: string;
  depotIds: number[];
}

export interface AppDeps {
  db: Db;
  tree: RegionTree;
  config: AppConfig;
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    actor: Actor;
    requestId: string;
    idem?: { key: string; hash: string; stored: boolean };
  };
};
