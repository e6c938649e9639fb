// Fails when src/api/schema.d.ts is not what openapi-typescript makes of ../api/openapi.json today.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const spec = path.resolve(root, '../api/openapi.json');
const committed = path.join(root, 'src/api/schema.d.ts');
const stale = 'src/api/schema.d.ts is stale: run npm run gen:api';

if (!existsSync(spec)) {
  console.error(`check:api: ${path.relative(root, spec)} not found`);
  process.exit(1);
}
if (!existsSync(committed)) {
  console.error(`${stale} (the file is missing)`);
  process.exit(1);
}

const dir = mkdtempSync(path.join(tmpdir(), 'mediacoop-schema-'));
try {
  const fresh = path.join(dir, 'schema.d.ts');
  const cli = path.join(root, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
  const run = spawnSync(process.execPath, [cli, spec, '-o', fresh], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    console.error('check:api: openapi-typescript failed');
    process.exit(1);
  }
  const normalize = (file) => readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  if (normalize(fresh) !== normalize(committed)) {
    console.error(stale);
    process.exit(1);
  }
  console.log('src/api/schema.d.ts is up to date with ../api/openapi.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
