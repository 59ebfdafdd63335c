import { z } from 'zod';

// Messages are keys of the 'volunteer' namespace.
const name = z.string().trim().min(1, 'errors.codes.required').max(100, 'errors.codes.too_long');
const optionalEmail = z
  .string()
  .trim()
  .refine((v) => v === '' || z.email().safeParse(v).success, 'errors.codes.invalid_email');
const optionalPhone = z
  .string()
  .trim()
  .refine((v) => v === '' || /^\+?[0-9][0-9 ()-]{4,30}$/.test(v), 'errors.codes.invalid_phone');

export const identitySchema = z.object({
  relationship: z.enum(['self', 'child', 'ward']),
  given_name: name,
  family_name: name,
  email: optionalEmail,
  phone: optionalPhone,
  preferred_language: z.enum(['en', 'tr', 'ru', 'kk']),
});

export type IdentityValues = z.output<typeof identitySchema>;
export const IDENTITY_FIELDS = ['relationship', 'given_name', 'family_name', 'email', 'phone', 'preferred_language'] as const;
