// A minimal JSON client over node:http with one keep-alive agent per server incarnation, so a
// killed server's pooled sockets are thrown away with it instead of failing the next request.
import http from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers are read loosely and checked field by field
}

export class HttpClient {
  private agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  constructor(readonly baseUrl: string) {}

  request(method: string, path: string, opts: { token?: string; body?: string; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<HttpAnswer> {
    const url = new URL(path, this.baseUrl);
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(opts.body));
    }
    return new Promise((resolve, reject) => {
      const req = http.request({ method, hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        // 'aborted' fires when the server dies half-way through the body: not an answer.
        res.on('aborted', () => reject(new Error('response aborted')));
        res.on('end', () => {
          if (!res.complete) return reject(new Error('response incomplete'));
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      });
      req.on('error', reject);
      req.setTimeout(opts.timeoutMs ?? 30_000, () => req.destroy(new Error('request timed out')));
      if (opts.body !== undefined) req.write(opts.body);
      req.end();
    });
  }

  close() {
    this.agent.destroy();
  }
}
