import { api } from '../../api';
import { ProblemError, toProblem } from '../../api/problem';

/** Hands a file to the browser's download. */
export function saveFile(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveJson(name: string, value: unknown): void {
  saveFile(name, new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
}

/**
 * Downloads a file that is not JSON (a CSV export) with the bearer token. The
 * shared client reads JSON only and keeps its access token to itself, so this
 * takes a fresh token through its public refresh() — the same rotation the
 * client does on a 401 — and fetches the file with it.
 */
export async function fetchFile(path: string, query: Record<string, string | undefined>): Promise<Blob> {
  const { access_token: token } = await api.refresh();
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const qs = params.toString();
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}${qs ? `?${qs}` : ''}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'text/csv, application/problem+json' },
      credentials: 'same-origin',
    });
  } catch {
    throw new ProblemError({ status: 0, code: 'network_error' });
  }
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    throw new ProblemError(toProblem(response.status, body));
  }
  return response.blob();
}
