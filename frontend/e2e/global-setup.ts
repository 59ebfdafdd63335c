import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ENV, FRONTEND_DIR, SERVER_LOG, shared } from './server';

const READY_TIMEOUT_MS = 60_000;

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export default async function globalSetup(): Promise<void> {
  const bin = resolve(FRONTEND_DIR, process.env.TRIALMATCH_BIN ?? '../bin/trialmatch');
  if (!existsSync(bin)) {
    throw new Error(`No server binary at ${bin}. Build it with \`make build\` or set TRIALMATCH_BIN.`);
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'trialmatch-e2e-'));
  // The server runs PostgreSQL as an unprivileged user, who must reach it.
  chmodSync(dataDir, 0o755);

  const log = openSync(SERVER_LOG, 'w');
  const child = spawn(bin, ['serve'], {
    cwd: dataDir,
    env: {
      ...process.env,
      TRIALMATCH_ADDR: `127.0.0.1:${port}`,
      TRIALMATCH_DATA_DIR: dataDir,
      TRIALMATCH_DEMO_DATA: 'true',
      TRIALMATCH_ENV: 'test',
    },
    stdio: ['ignore', log, log],
  });
  shared.child = child;
  process.env[ENV.baseUrl] = baseUrl;
  process.env[ENV.pid] = String(child.pid);
  process.env[ENV.dataDir] = dataDir;

  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`The server stopped (${child.exitCode ?? child.signalCode}) before it was ready; see ${SERVER_LOG}`);
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > READY_TIMEOUT_MS) {
      child.kill('SIGTERM');
      throw new Error(`The server was not ready within ${READY_TIMEOUT_MS / 1000} s; see ${SERVER_LOG}`);
    }
    await sleep(250);
  }
  console.log(`TrialMatch server ready at ${baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
