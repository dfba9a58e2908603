import { z } from 'zod';

export const ROLES = ['admin', 'officer', 'keeper', 'reporter', 'auditor'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

// At least 10 characters with a letter and a digit: long enough to resist guessing, short
// enough for township staff to type on a phone.
export const Password = z
  .string()
  .min(10, 'at least 10 characters')
  .max(128)
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), 'needs a letter and a digit');

export const UserInput = z.object({
  username: z.string().trim().min(3).max(32).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'),
  displayName: z.string().trim().min(1).max(64).optional(),
  password: Password,
  role: Role,
  regionCode: z.string().regex(/^\d{2,12}$/),
  depotIds: z.array(z.number().int().positive()).max(50).optional(),
});
export type UserInput = z.infer<typeof UserInput>;

export const UserPatch = z
  .object({ displayName: z.string().trim().min(1).max(64), password: Password, disabled: z.boolean(), depotIds: z.array(z.number().int().positive()).max(50) })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type UserPatch = z.infer<typeof UserPatch>;

export interface UserOut {
  id: number;
  username: string;
  displayName: string | null;
  role: Role;
  regionCode: string;
  depotIds: number[];
  disabled: boolean;
}
