import type { BackendContext, HandlerGroup } from '../context';
import { BackendError } from '../errors';

/** `responses.*`: the full bodies of recent responses, read in chunks (the page only gets a preview). */
export function responseHandlers({ responses }: Pick<BackendContext, 'responses'>): HandlerGroup<'responses'> {
  return {
    'responses.readBody': async ({ responseId, offset, length }) => {
      const body = responses.get(responseId);
      if (!body) throw new BackendError('NOT_FOUND', 'That response is no longer kept (only the 20 most recent are). Send the request again to save its body.');
      const end = Math.min(body.length, offset + length);
      return { base64: body.subarray(offset, end).toString('base64'), offset, totalBytes: body.length, done: end >= body.length };
    },
  };
}
