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

/**
 * A padlocked value shorter than this is hidden only where a whole value is the secret, never
 * inside other text (`on` is in `response`, `id` in `{{project_id}}`): the backend's redaction and
 * the environment editor's warning both read it from here.
 */
export const SHORT_SECRET_LENGTH = 4;
