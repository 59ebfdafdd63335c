// Types of the TrialMatch API (see shared/API.md). JSON is snake_case.

export const ROLES = ['volunteer', 'investigator', 'sponsor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_SIGNUP_ROLES = ['investigator', 'sponsor'] as const;
export type SignupRole = 'volunteer' | (typeof STAFF_SIGNUP_ROLES)[number];

export type UserStatus = 'active' | 'pending' | 'disabled';

export const LOCALES = ['en', 'tr', 'ru', 'kk'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export interface User {
  id: string;
  email: string;
  role: Role;
  status: UserStatus;
  display_name: string;
  locale: Locale;
  created_at?: string;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  user: User;
}

export interface RegisterRequest {
  email: string;
  password: string;
  display_name: string;
  locale: Locale;
  role: SignupRole;
}

export interface RegisterResponse {
  user: User;
  access_token?: string;
  token_type?: 'Bearer';
  expires_in?: number;
  refresh_token?: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface UpdateMeRequest {
  display_name?: string;
  locale?: Locale;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface Meta {
  version: string;
  demo: boolean;
  env: string;
}
