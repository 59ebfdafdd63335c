// Empties dist/ before a build but keeps dist/.keep, which the Go side
// needs so that `go:embed` finds the folder before the first frontend build.
import { readdirSync, rmSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
mkdirSync(dist, { recursive: true });
for (const entry of readdirSync(dist)) {
  if (entry === '.keep') continue;
  rmSync(join(dist, entry), { recursive: true, force: true });
}
