// newman ships no types: the part of its library API this test uses.
declare module 'newman' {
  interface NewmanExecution {
    item: { name: string; id: string };
    response?: { code: number; text(): string };
    requestError?: { message: string };
  }
  interface NewmanSummary {
    run: { executions: NewmanExecution[]; failures: { error: { message: string; test?: string }; source?: { name?: string } }[] };
  }
  const newman: {
    run(
      options: { collection: unknown; environment?: unknown; reporters?: string[]; timeoutRequest?: number },
      callback: (error: Error | null, summary: NewmanSummary) => void,
    ): unknown;
  };
  export default newman;
}
