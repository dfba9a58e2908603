import type { ComponentType } from 'preact';
import { match } from '../../router';
import { PublicDonationsPage } from './donations';

/** Pages anyone may open without signing in (outside the signed-in shell). */
const PUBLIC_PAGES: { path: string; component: ComponentType }[] = [
  { path: '/public/donations', component: PublicDonationsPage },
];

export function publicPage(path: string): ComponentType | null {
  return PUBLIC_PAGES.find((p) => match(p.path, path))?.component ?? null;
}
