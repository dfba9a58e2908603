// `npm start` on a fresh clone: build the web UI once if it is missing, so one command serves both.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

if (!existsSync(new URL('../web/dist/index.html', import.meta.url))) {
  console.log('Building the web UI (first start only)…');
  execSync('npm run build', { stdio: 'inherit' });
}
