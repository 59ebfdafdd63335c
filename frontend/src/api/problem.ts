// RFC 9457 problem details, as every TrialMatch error is rendered.

export interface FieldProblem {
  field: string;
  code: string;
  message?: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code: string;
  errors?: FieldProblem[];
}

/** Codes the client invents for failures that carry no problem body. */
export const CLIENT_CODES = {
  network: 'network_error',
  unexpected: 'unexpected_response',
} as const;

/** An HTTP call failed. `problem` is the server's problem+json body, or one
 * made up by the client for a network failure or a non-problem response. */
export class ProblemError extends Error {
  readonly problem: Problem;
  /** Seconds to wait before trying again, from a Retry-After header. */
  readonly retryAfter: number | undefined;

  constructor(problem: Problem, retryAfter?: number) {
    super(problem.detail ?? problem.title ?? problem.code);
    this.name = 'ProblemError';
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }

  get fieldErrors(): FieldProblem[] {
    return this.problem.errors ?? [];
  }
}

export function isProblemError(error: unknown): error is ProblemError {
  return error instanceof ProblemError;
}

/** Default code for a status when a body does not name one. */
export function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 422:
      return 'validation_failed';
    case 429:
      return 'too_many_attempts';
    default:
      return status >= 500 ? 'server_error' : CLIENT_CODES.unexpected;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a problem body defensively: the shape comes from the network. */
export function toProblem(status: number, body: unknown): Problem {
  const problem: Problem = { status, code: codeForStatus(status) };
  if (!isRecord(body)) return problem;
  if (typeof body.type === 'string') problem.type = body.type;
  if (typeof body.title === 'string') problem.title = body.title;
  if (typeof body.detail === 'string') problem.detail = body.detail;
  if (typeof body.code === 'string' && body.code !== '') problem.code = body.code;
  if (Array.isArray(body.errors)) {
    problem.errors = body.errors.filter(isRecord).flatMap((e): FieldProblem[] => {
      if (typeof e.field !== 'string' || typeof e.code !== 'string') return [];
      const fieldProblem: FieldProblem = { field: e.field, code: e.code };
      if (typeof e.message === 'string') fieldProblem.message = e.message;
      return [fieldProblem];
    });
  }
  return problem;
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
