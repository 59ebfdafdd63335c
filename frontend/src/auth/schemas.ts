// Form schemas. Messages are i18n keys under `fields.`; the form renders them
// with t(), so a schema never holds text in one language.
import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 10;
export const DISPLAY_NAME_MAX_LENGTH = 100;

const email = z.string().trim().min(1, 'fields.required').pipe(z.email('fields.emailInvalid'));

export const signInSchema = z.object({
  email,
  password: z.string().min(1, 'fields.required'),
});
export type SignInValues = z.input<typeof signInSchema>;

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'fields.required')
  .max(DISPLAY_NAME_MAX_LENGTH, 'fields.tooLong');

export const signUpSchema = z.object({
  role: z.enum(['volunteer', 'investigator', 'sponsor'], { error: 'fields.chooseOne' }),
  display_name: displayNameSchema,
  email,
  password: z.string().min(PASSWORD_MIN_LENGTH, 'fields.passwordTooShort'),
});
export type SignUpInput = z.input<typeof signUpSchema>;
export type SignUpValues = z.output<typeof signUpSchema>;

export const accountSchema = z.object({
  display_name: displayNameSchema,
  locale: z.enum(['en', 'tr', 'ru', 'kk'], { error: 'fields.chooseOne' }),
});
export type AccountValues = z.output<typeof accountSchema>;

/** Values for interpolation in field messages. */
export const FIELD_MESSAGE_VALUES = {
  min: PASSWORD_MIN_LENGTH,
  max: DISPLAY_NAME_MAX_LENGTH,
} as const;
