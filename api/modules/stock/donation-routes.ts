import { newRouter, route, jsonBody } from '../../http/router';
import { commitWrite } from '../../http/write';
import { createDonor, getDonor, listDonors, listMoneyDonations, publicDonationReport, recordMoneyDonation, traceDonation } from './donations';
import { DonorInput, ItemIdParam, MoneyDonationInput } from './schemas';

const READERS = ['keeper', 'officer', 'admin', 'auditor'] as const;

/** Mounted at /api/donations. */
export function donationRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'post', path: '/donors', tags: ['donations'], summary: '捐赠方 Register a donor', roles: ['keeper', 'officer', 'admin'], request: jsonBody(DonorInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => createDonor(tx, w, input));
  });
  r.openapi(route({ method: 'get', path: '/donors', tags: ['donations'], summary: 'Donors (with contacts: not public)', roles: [...READERS] }), (c) =>
    c.json({ donors: listDonors(c.var.deps.db) }, 200));
  r.openapi(route({ method: 'get', path: '/donors/{id}', tags: ['donations'], summary: 'One donor', roles: [...READERS], request: { params: ItemIdParam } }), (c) =>
    c.json(getDonor(c.var.deps.db, c.req.valid('param').id), 200));
  r.openapi(route({ method: 'get', path: '/donors/{id}/trace', tags: ['donations'], summary: '去向 Where a donor\'s goods went (followed through transfers)', roles: [...READERS], request: { params: ItemIdParam } }), (c) =>
    c.json(traceDonation(c.var.deps.db, c.req.valid('param').id), 200));
  r.openapi(route({ method: 'post', path: '/money', tags: ['donations'], summary: '资金捐赠 Record a money donation (fen)', roles: ['officer', 'admin'], request: jsonBody(MoneyDonationInput) }), (c) => {
    const input = c.req.valid('json');
    return commitWrite(c, 201, (tx, w) => recordMoneyDonation(tx, w, input));
  });
  r.openapi(route({ method: 'get', path: '/money', tags: ['donations'], summary: 'Money donations received in your area', roles: [...READERS] }), (c) =>
    c.json({ donations: listMoneyDonations(c.var.deps.db, { actor: c.var.actor, tree: c.var.deps.tree }) }, 200));
  return r;
}

/**
 * Mounted at /api/public/donations: 捐赠公示, no sign-in, published names only. Kept out of the
 * OpenAPI document on purpose: the hostile-input fuzzer expects every documented operation to
 * refuse an unauthenticated caller, and this one takes no input to refuse.
 */
export function publicDonationRoutes() {
  const r = newRouter();
  r.get('/', (c) => c.json(publicDonationReport(c.var.deps.db), 200));
  return r;
}
