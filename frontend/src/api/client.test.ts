import { describe, expect, it, vi } from 'vitest';
import { ApiClient, type LockRunner } from './client';
import { ProblemError, parseRetryAfter, toProblem } from './problem';
import type { TokenResponse, User } from './types';

const user: User = {
  id: '6f1d1c1e-0000-4000-8000-000000000001',
  email: 'ayse@example.org',
  role: 'volunteer',
  status: 'active',
  display_name: 'Ayşe',
  locale: 'tr',
  created_at: '2026-11-01T10:00:00Z',
};

function tokens(access: string): TokenResponse {
  return { access_token: access, token_type: 'Bearer', expires_in: 900, refresh_token: 'r', user };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });
}

function problem(status: number, code: string, extra: Record<string, unknown> = {}): Response {
  return json(status, { type: 'about:blank', title: code, status, code, ...extra });
}

const noLock: LockRunner = (_name, fn) => fn();

interface Call {
  url: string;
  method: string;
  auth: string | null;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

/** A fake server: `handler` answers each call; every call is recorded. */
function fakeFetch(handler: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const call: Call = {
      url: input instanceof Request ? input.url : input.toString(),
      method: init?.method ?? 'GET',
      auth: headers.get('Authorization'),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      credentials: init?.credentials,
    };
    calls.push(call);
    return handler(call);
  });
  return { calls, fetchImpl: fetchImpl as unknown as typeof fetch };
}

/** A client signed in with access token `access`. */
async function signedInClient(handler: (call: Call) => Response | Promise<Response>, access = 'old') {
  const server = fakeFetch((call) => {
    if (call.url === '/api/v1/auth/login') return json(200, tokens(access));
    return handler(call);
  });
  const client = new ApiClient({ fetch: server.fetchImpl, lock: noLock });
  await client.login({ email: user.email, password: 'correct horse battery' });
  server.calls.length = 0;
  return { client, calls: server.calls };
}

describe('ApiClient', () => {
  it('sends the bearer token and same-origin credentials', async () => {
    const { client, calls } = await signedInClient(() => json(200, user));
    await expect(client.request('GET', '/me')).resolves.toEqual(user);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.auth).toBe('Bearer old');
    expect(calls[0]?.credentials).toBe('same-origin');
  });

  it('on a 401 refreshes once and retries the call with the new token', async () => {
    const { client, calls } = await signedInClient((call) => {
      if (call.url === '/api/v1/auth/refresh') return json(200, tokens('new'));
      if (call.auth === 'Bearer new') return json(200, user);
      return problem(401, 'unauthorized');
    });
    const refreshed = vi.fn();
    client.onSessionChange(refreshed);

    await expect(client.request('GET', '/me')).resolves.toEqual(user);
    expect(calls.map((c) => `${c.method} ${c.url} ${c.auth ?? '-'}`)).toEqual([
      'GET /api/v1/me Bearer old',
      'POST /api/v1/auth/refresh -',
      'GET /api/v1/me Bearer new',
    ]);
    expect(refreshed).toHaveBeenCalledWith({ type: 'refreshed', user });
  });

  it('shares one refresh among calls that fail together', async () => {
    let refreshes = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { client } = await signedInClient(async (call) => {
      if (call.url === '/api/v1/auth/refresh') {
        refreshes += 1;
        await gate;
        return json(200, tokens('new'));
      }
      return call.auth === 'Bearer new' ? json(200, user) : problem(401, 'unauthorized');
    });

    const all = Promise.all([client.request('GET', '/me'), client.request('GET', '/me'), client.request('GET', '/me')]);
    await new Promise((r) => setTimeout(r, 0));
    release();
    await expect(all).resolves.toEqual([user, user, user]);
    expect(refreshes).toBe(1);
  });

  it('retries only once: a second 401 ends the session', async () => {
    const { client, calls } = await signedInClient((call) =>
      call.url === '/api/v1/auth/refresh' ? json(200, tokens('new')) : problem(401, 'unauthorized'),
    );
    const events = vi.fn();
    client.onSessionChange(events);

    const error = await client.request('GET', '/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).status).toBe(401);
    expect(calls).toHaveLength(3);
    expect(events).toHaveBeenLastCalledWith({ type: 'lost' });
    expect(client.hasAccessToken).toBe(false);
  });

  it('when the refresh fails, reports the 401 and that the session is lost', async () => {
    const { client, calls } = await signedInClient((call) =>
      call.url === '/api/v1/auth/refresh' ? problem(401, 'unauthorized') : problem(401, 'unauthorized'),
    );
    const events = vi.fn();
    client.onSessionChange(events);

    const error = await client.request('GET', '/me').catch((e: unknown) => e);
    expect((error as ProblemError).code).toBe('unauthorized');
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/me', '/api/v1/auth/refresh']);
    expect(events).toHaveBeenCalledWith({ type: 'lost' });
  });

  it('does not refresh on a 401 from the login itself', async () => {
    const server = fakeFetch(() => problem(401, 'invalid_credentials', { detail: 'Wrong e-mail or password' }));
    const client = new ApiClient({ fetch: server.fetchImpl, lock: noLock });
    const error = await client.login({ email: 'x@example.org', password: 'nope-nope-nope' }).catch((e: unknown) => e);
    expect((error as ProblemError).code).toBe('invalid_credentials');
    expect(server.calls).toHaveLength(1);
  });

  it('restores a session from the cookie, or says there is none', async () => {
    const ok = fakeFetch(() => json(200, tokens('fresh')));
    const client = new ApiClient({ fetch: ok.fetchImpl, lock: noLock });
    await expect(client.restoreSession()).resolves.toEqual(user);
    expect(client.hasAccessToken).toBe(true);
    expect(ok.calls[0]).toMatchObject({ method: 'POST', url: '/api/v1/auth/refresh', auth: null });

    const none = fakeFetch(() => problem(401, 'unauthorized'));
    const anonymous = new ApiClient({ fetch: none.fetchImpl, lock: noLock });
    await expect(anonymous.restoreSession()).resolves.toBeNull();
  });

  it('refreshes inside the cross-tab lock', async () => {
    const names: string[] = [];
    const lock: LockRunner = (name, fn) => {
      names.push(name);
      return fn();
    };
    const server = fakeFetch(() => json(200, tokens('fresh')));
    const client = new ApiClient({ fetch: server.fetchImpl, lock });
    await client.refresh();
    expect(names).toEqual(['trialmatch-auth-refresh']);
  });

  it('sign-out sends the token, then forgets it even if the server fails', async () => {
    const { client, calls } = await signedInClient(() => new Response(null, { status: 204 }));
    await client.logout();
    expect(calls[0]).toMatchObject({ method: 'POST', url: '/api/v1/auth/logout', auth: 'Bearer old' });
    expect(client.hasAccessToken).toBe(false);

    const failing = await signedInClient(() => {
      throw new TypeError('offline');
    });
    await expect(failing.client.logout()).rejects.toBeInstanceOf(ProblemError);
    expect(failing.client.hasAccessToken).toBe(false);
  });

  it('keeps a volunteer signed in after registering, and sends an idempotency key', async () => {
    const server = fakeFetch(() => json(201, tokens('welcome')));
    const client = new ApiClient({ fetch: server.fetchImpl, lock: noLock });
    await client.register({ email: user.email, password: 'a long enough one', display_name: 'Ayşe', locale: 'tr', role: 'volunteer' });
    expect(client.hasAccessToken).toBe(true);
    const headers = new Headers((vi.mocked(server.fetchImpl).mock.calls[0]?.[1] as RequestInit).headers);
    expect(headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('throws a typed ProblemError with field errors and Retry-After', async () => {
    const server = fakeFetch(() =>
      problem(
        422,
        'validation_failed',
        { errors: [{ field: 'password', code: 'too_short', message: 'at least 10 characters' }] },
      ),
    );
    const client = new ApiClient({ fetch: server.fetchImpl, lock: noLock });
    const error = (await client
      .register({ email: 'a@example.org', password: 'short', display_name: 'A', locale: 'en', role: 'volunteer' })
      .catch((e: unknown) => e)) as ProblemError;
    expect(error).toBeInstanceOf(ProblemError);
    expect(error.status).toBe(422);
    expect(error.fieldErrors).toEqual([{ field: 'password', code: 'too_short', message: 'at least 10 characters' }]);

    const tooMany = fakeFetch(() =>
      json(429, { status: 429, code: 'too_many_attempts', title: 'Too many' }, { 'Retry-After': '120' }),
    );
    const throttled = new ApiClient({ fetch: tooMany.fetchImpl, lock: noLock });
    const e429 = (await throttled.login({ email: 'a@example.org', password: 'x' }).catch((e: unknown) => e)) as ProblemError;
    expect(e429.code).toBe('too_many_attempts');
    expect(e429.retryAfter).toBe(120);
  });

  it('turns network failures and non-problem bodies into ProblemErrors', async () => {
    const offline = new ApiClient({
      fetch: (() => Promise.reject(new TypeError('Failed to fetch'))),
      lock: noLock,
    });
    await expect(offline.request('GET', '/meta', { auth: false })).rejects.toMatchObject({
      problem: { status: 0, code: 'network_error' },
    });

    const html = new ApiClient({
      fetch: (() =>
        Promise.resolve(new Response('<h1>Bad gateway</h1>', { status: 502, headers: { 'Content-Type': 'text/html' } }))),
      lock: noLock,
    });
    await expect(html.request('GET', '/meta', { auth: false })).rejects.toMatchObject({
      problem: { status: 502, code: 'server_error' },
    });
  });

  it('builds query strings without empty values', async () => {
    const { client, calls } = await signedInClient(() => json(200, { items: [], next_cursor: null }));
    await client.request('GET', '/admin/users', { query: { status: 'pending', limit: 50, cursor: null } });
    expect(calls[0]?.url).toBe('/api/v1/admin/users?status=pending&limit=50');
  });
});

describe('problem parsing', () => {
  it('keeps only well-formed field errors', () => {
    expect(
      toProblem(422, { code: 'validation_failed', errors: [{ field: 'email', code: 'invalid' }, { nope: 1 }, 'x'] }),
    ).toEqual({ status: 422, code: 'validation_failed', errors: [{ field: 'email', code: 'invalid' }] });
  });

  it('falls back to a code from the status', () => {
    expect(toProblem(404, null)).toEqual({ status: 404, code: 'not_found' });
    expect(toProblem(403, { title: 'Forbidden' }).code).toBe('forbidden');
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
