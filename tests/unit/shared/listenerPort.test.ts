import { describe, expect, it } from 'vitest';
import { contract, PORT_RULE } from '../../../shared/contract';

describe('the listener port, checked by the contract', () => {
  const check = (port: unknown) => contract.methods['webhooks.start'].input.safeParse({ port });
  it.each([70000, -1, 3.5, '3737'])('refuses %s in plain words', (port) => {
    const result = check(port);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(PORT_RULE);
  });
  it.each([0, 3737, 65535])('accepts %s', (port) => {
    expect(check(port).success).toBe(true);
  });
});
