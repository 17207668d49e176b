/**
 * The open tabs and their unsaved drafts, kept across restarts as Postman, Insomnia and Bruno do. Stored by the
 * backend under the app's data dir (never in the page's storage); secret values are never part of it.
 */
import { z } from 'zod';
import { RequestTemplateSchema } from './collection';
import { BODY_MODES } from './httpRequest';

/** A draft body larger than this is not kept (the rest of the draft is). */
export const SESSION_BODY_LIMIT = 1024 * 1024;
export const SESSION_TAB_LIMIT = 100;

const Id = z.string().min(1).max(128);

/** Where a tab's request came from: the same shape as the renderer's TabOrigin. */
export const SessionOriginSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new') }),
  z.object({ kind: z.literal('builtin') }),
  z.object({ kind: z.literal('collection'), collectionId: Id }),
  z.object({ kind: z.literal('history'), entryId: Id, collectionId: Id.nullable().optional() }),
]);
export type SessionOrigin = z.infer<typeof SessionOriginSchema>;

export const SessionTabSchema = z
  .object({
    id: Id,
    origin: SessionOriginSchema,
    /** The request's id in its collection or the catalog, to find what is saved. */
    requestId: Id,
    /** The unsaved working copy; null when the tab shows the saved request unchanged. */
    draft: RequestTemplateSchema.extend({
      body: z.object({ mode: z.enum(BODY_MODES), text: z.string().max(SESSION_BODY_LIMIT) }),
    }).nullable(),
    /**
     * What was left out of the draft on purpose, in words shown when the tab comes back ("header Authorization",
     * "variable api_key"): names only, never values.
     */
    notKept: z.array(z.string().max(300)).max(500),
  })
  .strict();
export type SessionTab = z.infer<typeof SessionTabSchema>;

export const SessionSchema = z
  .object({
    activeTabId: Id.nullable(),
    tabs: z.array(SessionTabSchema).max(SESSION_TAB_LIMIT),
  })
  .strict();
export type Session = z.infer<typeof SessionSchema>;

export interface SessionLoad {
  /** Null when there is nothing to restore (first start, or the file could not be used). */
  session: Session | null;
  /** Something the user should know (the file could not be read and was set aside); null when all is well. */
  notice: string | null;
}
