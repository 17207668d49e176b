/**
 * What the collection store accepts from its callers, and how it says no: names, variables and
 * ids are checked before a change is queued, and every refusal says what to do next.
 */
import { z } from 'zod';
import { KeyValueSchema } from '../../../../shared/model/keyValue';
import { BackendError } from '../../errors';

const NameSchema = z.string().trim().min(1, 'A name cannot be empty').max(300, 'A name can be at most 300 characters');
export const VariablesSchema = z.array(KeyValueSchema).max(1000);
export const DescriptionSchema = z.string().max(4000);

export function validName(name: string): string {
  return parse(NameSchema, name, 'Name');
}

export function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  throw new BackendError('INVALID_INPUT', `${what}${where}: ${issue?.message ?? 'invalid'}.`);
}

export function notFound(id: string, what = 'Item'): BackendError {
  return new BackendError('NOT_FOUND', `${what} ${id} does not exist (it may have been deleted or changed on disk). Reload the collections and try again.`);
}
