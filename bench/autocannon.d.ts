/** The little of autocannon's API the callback benchmarks use (it ships no types). */
declare module 'autocannon' {
  interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    /** Requests per second across all connections. */
    overallRate?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    requests?: Array<Request & { setupRequest?: (req: Request) => Request }>;
  }
  interface Result {
    '2xx': number;
    non2xx: number;
    errors: number;
    timeouts: number;
    requests: { total: number; average: number };
    /** Seconds the run took. */
    duration?: number;
    latency: { p50: number; p99: number; average: number; max: number };
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
