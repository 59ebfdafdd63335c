// The one API client of the app and the typed calls the pages use.

import { ApiClient } from './client';
import type { Meta, Page, UpdateMeRequest, User } from './types';

export const api = new ApiClient();

export function getMe(signal?: AbortSignal): Promise<User> {
  return api.request<User>('GET', '/me', { signal });
}

export function updateMe(changes: UpdateMeRequest): Promise<User> {
  return api.request<User>('PATCH', '/me', { body: changes });
}

export function getMeta(signal?: AbortSignal): Promise<Meta> {
  return api.request<Meta>('GET', '/meta', { auth: false, signal });
}

export function listUsers(
  params: { status?: 'pending' | 'active' | 'disabled'; limit?: number; cursor?: string | null },
  signal?: AbortSignal,
): Promise<Page<User>> {
  return api.request<Page<User>>('GET', '/admin/users', {
    query: { status: params.status, limit: params.limit, cursor: params.cursor },
    signal,
  });
}

export function approveUser(id: string): Promise<User> {
  return api.request<User>('POST', `/admin/users/${encodeURIComponent(id)}/approve`);
}

export { ApiClient } from './client';
export { ProblemError, isProblemError } from './problem';
export type { Problem, FieldProblem } from './problem';
export * from './types';
