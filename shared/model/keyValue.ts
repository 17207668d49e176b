import { z } from 'zod';

/** One row of a params, headers or variables table. Disabled rows are kept but not sent. */
export const KeyValueSchema = z.object({
  key: z.string().max(1024),
  value: z.string().max(1_000_000),
  enabled: z.boolean(),
  /**
   * Environment variables only: the value lives in the OS keychain, never in the file; the page
   * sees an empty value and can only replace it.
   */
  secret: z.boolean().optional(),
});
export type KeyValue = z.infer<typeof KeyValueSchema>;
