// The typed fetch client. The access token lives only in this object's
// memory; the refresh token is an HttpOnly cookie the browser sends to
// /api/v1/auth by itself. A 401 from any call triggers one refresh (shared by
// every call that is waiting, and serialised across tabs) and one retry.

import { CLIENT_CODES, ProblemError, parseRetryAfter, toProblem } from './problem';
import type {
  LoginRequest,
  RegisterRequest,
  RegisterResponse,
  TokenResponse,
  User,
} from './types';

export const API_BASE = '/api/v1';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Send the bearer token and recover from a 401 by refreshing (default true). */
  auth?: boolean;
}

export type SessionEvent = { type: 'refreshed'; user: User } | { type: 'lost' };

/** Runs `fn` while holding a lock shared by every tab of this origin, so two
 * tabs never spend the same refresh token at once (reuse revokes the family). */
export type LockRunner = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

export const browserLock: LockRunner = async (name, fn) => {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return fn();
  return locks.request(name, fn);
};

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  lock?: LockRunner;
}

export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  // randomUUID needs a secure context; getRandomValues does not.
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class ApiClient {
  private accessToken: string | null = null;
  private refreshInFlight: Promise<TokenResponse> | null = null;
  private readonly listeners = new Set<(event: SessionEvent) => void>();
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly lock: LockRunner;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? API_BASE;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.lock = options.lock ?? browserLock;
  }

  get hasAccessToken(): boolean {
    return this.accessToken !== null;
  }

  onSessionChange(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** A JSON call under /api/v1. Throws ProblemError for any failure. */
  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const auth = options.auth ?? true;
    const tokenUsed = auth ? this.accessToken : null;
    const response = await this.send(method, path, options, tokenUsed);
    if (response.status !== 401 || !auth) return this.read<T>(response);

    // Another call may already have refreshed while this one was in flight.
    if (this.accessToken === null || this.accessToken === tokenUsed) {
      try {
        await this.refresh();
      } catch (error) {
        if (error instanceof ProblemError && error.status === 401) {
          // The session is over; report the original 401.
          return this.read<T>(response);
        }
        throw error;
      }
    }
    const retried = await this.send(method, path, options, this.accessToken);
    if (retried.status === 401) this.endSession();
    return this.read<T>(retried);
  }

  /** Exchanges the refresh cookie for a new token pair. Concurrent callers share
   * one request. On 401 the session is over and listeners hear 'lost'. */
  refresh(): Promise<TokenResponse> {
    this.refreshInFlight ??= this.lock('trialmatch-auth-refresh', async () => {
      const response = await this.send('POST', '/auth/refresh', {}, null);
      if (response.status === 401) {
        this.endSession();
      }
      const tokens = await this.read<TokenResponse>(response);
      this.accessToken = tokens.access_token;
      this.emit({ type: 'refreshed', user: tokens.user });
      return tokens;
    }).finally(() => {
      this.refreshInFlight = null;
    });
    return this.refreshInFlight;
  }

  /** Restores a session from the refresh cookie; null when there is none. */
  async restoreSession(): Promise<User | null> {
    try {
      return (await this.refresh()).user;
    } catch (error) {
      if (error instanceof ProblemError && error.status === 401) return null;
      throw error;
    }
  }

  async login(credentials: LoginRequest): Promise<User> {
    const tokens = await this.request<TokenResponse>('POST', '/auth/login', {
      body: credentials,
      auth: false,
    });
    this.accessToken = tokens.access_token;
    return tokens.user;
  }

  async register(request: RegisterRequest): Promise<RegisterResponse> {
    const result = await this.request<RegisterResponse>('POST', '/auth/register', {
      body: request,
      auth: false,
      headers: { 'Idempotency-Key': newIdempotencyKey() },
    });
    if (result.access_token) this.accessToken = result.access_token;
    return result;
  }

  /** Revokes the refresh token family. Always forgets the local session, even
   * when the server cannot be reached. */
  async logout(): Promise<void> {
    const token = this.accessToken;
    this.accessToken = null;
    try {
      const response = await this.send('POST', '/auth/logout', {}, token);
      if (!response.ok && response.status !== 401) await this.read(response);
    } finally {
      this.accessToken = null;
    }
  }

  /** Forgets the access token without calling the server. */
  endSession(): void {
    const had = this.accessToken !== null;
    this.accessToken = null;
    if (had || this.listeners.size > 0) this.emit({ type: 'lost' });
  }

  private async send(
    method: HttpMethod,
    path: string,
    options: RequestOptions,
    token: string | null,
  ): Promise<Response> {
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      ...options.headers,
    };
    if (token) headers.Authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (body !== undefined) init.body = body;
    if (options.signal) init.signal = options.signal;
    try {
      return await this.fetchImpl(this.url(path, options.query), init);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ProblemError({ status: 0, code: CLIENT_CODES.network });
    }
  }

  private url(path: string, query: RequestOptions['query']): string {
    let url = `${this.baseUrl}${path}`;
    if (query) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
      }
      const qs = params.toString();
      if (qs) url += `?${qs}`;
    }
    return url;
  }

  private async read<T>(response: Response): Promise<T> {
    const type = response.headers.get('Content-Type') ?? '';
    const isJson = type.includes('json');
    if (response.ok) {
      if (response.status === 204 || !isJson) return undefined as T;
      try {
        return (await response.json()) as T;
      } catch {
        throw new ProblemError({ status: response.status, code: CLIENT_CODES.unexpected });
      }
    }
    let body: unknown = undefined;
    if (isJson) {
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
    }
    throw new ProblemError(
      toProblem(response.status, body),
      parseRetryAfter(response.headers.get('Retry-After')),
    );
  }
}
