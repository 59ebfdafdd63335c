import { rmSync } from 'node:fs';
import { ENV, shared } from './server';

const STOP_TIMEOUT_MS = 30_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stop(): Promise<void> {
  const child = shared.child;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
    return;
  }
  // Fallback when teardown runs where the child object is not known.
  const pid = Number(process.env[ENV.pid]);
  if (!pid || !alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

export default async function globalTeardown(): Promise<void> {
  await stop();
  const dataDir = process.env[ENV.dataDir];
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
