import type { Actor } from '../context';
import type { RegionTree } from '../modules/regions/tree';
import { DomainError } from './errors';

export interface ScopeCtx {
  actor: Actor;
  tree: RegionTree;
}

/** Admins administer the whole system; everyone else acts inside the subtree of their region. */
export function regionInScope(actor: Actor, tree: RegionTree, code: string): boolean {
  if (actor.role === 'admin') return true;
  return tree.isWithin(code, actor.regionCode);
}

export function assertRegionInScope(s: ScopeCtx, code: string) {
  if (!s.tree.has(code)) throw new DomainError('NOT_FOUND', 'region not found', { regionCode: code });
  if (!regionInScope(s.actor, s.tree, code)) {
    throw new DomainError('OUT_OF_SCOPE', 'this region is outside your area', { regionCode: code, yourRegion: s.actor.regionCode });
  }
}

/** Keepers act only on the depots assigned to them; other roles by the depot's region. */
export function assertDepotInScope(s: ScopeCtx, depot: { id: number; regionCode: string }) {
  if (s.actor.role === 'keeper' && !s.actor.depotIds.includes(depot.id)) {
    throw new DomainError('OUT_OF_SCOPE', 'this depot is not one of yours', { depotId: depot.id });
  }
  if (!regionInScope(s.actor, s.tree, depot.regionCode)) {
    throw new DomainError('OUT_OF_SCOPE', 'this depot is outside your area', { depotId: depot.id });
  }
}

export function assertRole(actor: Actor, ...roles: Actor['role'][]) {
  if (!roles.includes(actor.role)) {
    throw new DomainError('FORBIDDEN_ROLE', `this action needs the role ${roles.join(' or ')}`, { role: actor.role });
  }
}

/** The officer who reviews or approves must sit strictly above the region concerned. */
export function assertAncestorOfficer(s: ScopeCtx, code: string) {
  assertRole(s.actor, 'officer', 'admin');
  if (s.actor.role === 'officer' && (s.actor.regionCode === code || !s.tree.isWithin(code, s.actor.regionCode))) {
    throw new DomainError('OUT_OF_SCOPE', 'only an officer of an ancestor region may do this', { regionCode: code });
  }
}
