// autocannon ships no types; the part of its API the load harness uses, typed. Loaded with
// createRequire so the scripts type-check whether or not @types/autocannon is installed.
import { createRequire } from 'node:module';

export interface CannonRequest {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
  /** Called before each request of a connection; `context` belongs to the connection and is cleared between requests. */
  setupRequest?: (req: CannonRequest, context: Record<string, unknown>) => CannonRequest;
  /** Called with each response of the request set up in the same `context`. */
  onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void;
}

export interface CannonOptions {
  url: string;
  duration?: number;
  connections?: number;
  method?: string;
  headers?: Record<string, string>;
  timeout?: number;
  requests?: CannonRequest[];
}

interface Histogram { average: number; mean: number; p50: number; p90: number; p99: number; max: number; total: number }

export interface CannonResult {
  requests: Histogram;
  latency: Histogram;
  throughput: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '1xx': number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
  statusCodeStats?: Record<string, { count: number }>;
}

type Autocannon = (o: CannonOptions, cb: (err: Error | null, res: CannonResult) => void) => unknown;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export function cannon(opts: CannonOptions): Promise<CannonResult> {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}
