// The server under load, started by scripts/load/run.ts as a child process (`node --import tsx`):
// the real app exactly as api/server.ts builds it (same config from the environment, request log
// on, to a file) on one port, and a Hono hello-world app on another, in the same process, so the
// two are measured on the same runtime, the same machine and the same client settings.
// Talks to the harness over IPC: 'ready' with the ports, 'stats' on request.
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '../../db/client';
import { readConfig } from '../../api/config';
import { createApp } from '../../api/app';
import { groupCommitStats } from '../../api/http/write';

const config = readConfig();
const db = openDatabase(config.databasePath);
const app = createApp(db, config);

const hello = new Hono();
hello.get('/hello', (c) => c.json({ hello: 'world' }));

const listen = (fetch: (req: Request) => Response | Promise<Response>) => new Promise<number>((resolve) => {
  const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
  servers.push(s);
});
const servers: ReturnType<typeof serve>[] = [];

const [apiPort, helloPort] = await Promise.all([listen(app.fetch), listen(hello.fetch)]);
process.send?.({ type: 'ready', apiPort, helloPort, synchronous: db.$client.pragma('synchronous', { simple: true }) });

// How long the event loop was held up (a synchronous stretch: a big commit group, a checkpoint, GC),
// since the previous 'stats' message.
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

process.on('message', (m: { type?: string }) => {
  if (m?.type !== 'stats') return;
  const cpu = process.cpuUsage();
  const loop = { p99Ms: loopDelay.percentile(99) / 1e6, maxMs: loopDelay.max / 1e6 };
  loopDelay.reset();
  process.send?.({ type: 'stats', groupCommit: { ...groupCommitStats }, rssMb: Math.round(process.memoryUsage().rss / 1e6), heapMb: Math.round(process.memoryUsage().heapUsed / 1e6), cpuUs: cpu.user + cpu.system, loop });
});

process.on('SIGTERM', () => {
  for (const s of servers) s.close();
  db.$client.close();
  process.exit(0);
});
