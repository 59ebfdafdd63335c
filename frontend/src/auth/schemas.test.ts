import { describe, expect, it } from 'vitest';
import { accountSchema, signInSchema, signUpSchema } from './schemas';

function messages(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('sign-up form rules', () => {
  const valid = { role: 'volunteer', display_name: 'Ayşe', email: 'ayse@example.org', password: 'kedi-balkon-çay-7' };

  it('accepts a complete form and trims name and e-mail', () => {
    const result = signUpSchema.safeParse({ ...valid, display_name: '  Ayşe ', email: ' ayse@example.org ' });
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ display_name: 'Ayşe', email: 'ayse@example.org' });
  });

  it('asks for at least 10 characters of password', () => {
    expect(messages(signUpSchema.safeParse({ ...valid, password: 'short' }))).toEqual({
      password: 'fields.passwordTooShort',
    });
    expect(signUpSchema.safeParse({ ...valid, password: '0123456789' }).success).toBe(true);
  });

  it('names the fields that are wrong, as i18n keys', () => {
    expect(messages(signUpSchema.safeParse({ role: '', display_name: ' ', email: 'not-an-email', password: '' }))).toEqual({
      role: 'fields.chooseOne',
      display_name: 'fields.required',
      email: 'fields.emailInvalid',
      password: 'fields.passwordTooShort',
    });
  });

  it('offers only volunteer and staff roles, never admin', () => {
    expect(messages(signUpSchema.safeParse({ ...valid, role: 'admin' }))).toEqual({ role: 'fields.chooseOne' });
    for (const role of ['volunteer', 'investigator', 'sponsor']) {
      expect(signUpSchema.safeParse({ ...valid, role }).success).toBe(true);
    }
  });
});

describe('sign-in and account form rules', () => {
  it('needs an e-mail and a password', () => {
    expect(messages(signInSchema.safeParse({ email: '', password: '' }))).toEqual({
      email: 'fields.required',
      password: 'fields.required',
    });
  });

  it('limits the name and the languages', () => {
    expect(messages(accountSchema.safeParse({ display_name: 'x'.repeat(101), locale: 'de' }))).toEqual({
      display_name: 'fields.tooLong',
      locale: 'fields.chooseOne',
    });
  });
});
