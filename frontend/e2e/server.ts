// Where global setup and teardown keep what they share. Both run in the
// Playwright runner's process; the environment variables reach the workers.

import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = dirname(fileURLToPath(import.meta.url));
export const FRONTEND_DIR = dirname(E2E_DIR);
export const SERVER_LOG = join(E2E_DIR, '.server.log');

export const ENV = {
  baseUrl: 'TRIALMATCH_E2E_BASE_URL',
  pid: 'TRIALMATCH_E2E_PID',
  dataDir: 'TRIALMATCH_E2E_DATA_DIR',
} as const;

interface Shared {
  child?: ChildProcess;
}

export const shared: Shared = ((globalThis as { __trialmatchE2E?: Shared }).__trialmatchE2E ??= {});
