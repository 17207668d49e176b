import type { Environment } from '../../../shared/model/environment';

/**
 * An open form's draft after its environment changed elsewhere (the Project view set the App ID, a capture
 * set a variable): each field the user has not touched takes the new value, each field they edited keeps
 * their edit. So a change made elsewhere shows at once and a later Save does not undo it.
 */
export function rebaseDraft(draft: Environment, before: Environment, after: Environment): Environment {
  const next = { ...draft } as Record<keyof Environment, unknown>;
  for (const key of Object.keys(after) as (keyof Environment)[]) {
    if (JSON.stringify(draft[key]) === JSON.stringify(before[key])) next[key] = after[key];
  }
  return next as Environment;
}
