// The real server (api/server.ts) as a child process: one node process (tsx loaded with --import,
// not the tsx CLI, which would put a second process between us and the server and make a SIGKILL
// hit the wrapper instead of the server).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { HttpClient } from './http';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerOptions {
  databasePath: string;
  port: number;
  env?: Record<string, string>;
  /** How long a start (including seeding a new database) may take. */
  readyTimeoutMs?: number;
}

export interface RunningServer {
  pid: number;
  url: string;
  http: HttpClient;
  /** Everything the process printed (stdout and stderr), for diagnostics and log checks. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no handler runs, nothing is flushed or checkpointed. */
  kill(): Promise<void>;
  /** SIGTERM: the server closes the database cleanly. */
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const url = `http://127.0.0.1:${opts.port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_PATH: opts.databasePath,
      PORT: String(opts.port),
      DEMO_DATA: '1',
      LOG_REQUESTS: '0',
      NODE_ENV: 'production',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => { out = (out + b.toString('utf8')).slice(-2_000_000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let dead = false;
  void exited.then(() => { dead = true; });

  const http = new HttpClient(url);
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 180_000);
  for (;;) {
    if (dead) throw new Error(`server exited before it was ready:\n${out.slice(-4000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`server not ready after ${opts.readyTimeoutMs ?? 180_000} ms:\n${out.slice(-4000)}`);
    }
    if (/listening on/.test(out)) {
      try {
        const res = await http.request('GET', '/api/health', { timeoutMs: 2000 });
        if (res.status === 200) break;
      } catch { /* not yet */ }
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  const finish = async (signal: NodeJS.Signals) => {
    if (!dead) child.kill(signal);
    await exited;
    http.close();
  };
  return { pid: child.pid!, url, http, output: () => out, exited, kill: () => finish('SIGKILL'), stop: () => finish('SIGTERM') };
}
