import type { ConsentAuditRecord } from '../../../../shared/conversation/resources';
import { nowIso, PROJECT_PATH, type SandboxContext } from '../context';
import { CONSENT_LIST_TYPES, type ConsentListType } from '../enums';
import { ApiError } from '../errors';
import type { Router } from '../http/router';
import { paginate, readPageSize } from '../paging';
import type { ProjectStore } from '../store';
import { checkEnum } from '../validate';
import { requireApp } from './lookups';

/**
 * Opt-out lists are read-only in the API; the sandbox fills them from inbound "STOP" messages
 * and from the /_sandbox/consents control endpoint.
 */
export function recordConsent(
  store: ProjectStore,
  appId: string,
  identity: string,
  listType: ConsentListType,
  change: 'insert' | 'delete',
  origin: ConsentAuditRecord['origin'],
): void {
  const list = store.optOutList(appId, listType);
  const existed = list.has(identity);
  if (change === 'insert') list.add(identity);
  else list.delete(identity);
  const key = `${appId}\n${identity}`;
  const trail = store.consentAudit.get(key) ?? [];
  trail.push({
    origin,
    operation: change === 'delete' ? 'OPERATION_DELETE' : existed ? 'OPERATION_UPDATE' : 'OPERATION_INSERT',
    list_type: listType,
    project_id: store.projectId,
    app_id: appId,
    datetime: nowIso(),
  });
  store.consentAudit.set(key, trail);
}

export function registerConsents(router: Router, ctx: SandboxContext): void {
  const base = `${PROJECT_PATH}/apps/{app_id}/consents`;

  // Registered before `{list_type}` so "identities" is never read as a list type.
  router.on('GET', `${base}/identities/{identity}`, (req) => {
    const store = ctx.store();
    const app = requireApp(store, req.params['app_id'] ?? '');
    const identity = req.params['identity'] ?? '';
    const trail = store.consentAudit.get(`${app.id}\n${identity}`);
    if (!trail) throw ApiError.notFound(`Identity '${identity}' has no consent records for app ${app.id}`);
    return { identity: { identity }, audit_records: trail };
  });

  router.on('GET', `${base}/{list_type}`, (req) => {
    const store = ctx.store();
    const app = requireApp(store, req.params['app_id'] ?? '');
    const listType = checkEnum(req.params['list_type'], CONSENT_LIST_TYPES, 'list_type');
    const q = req.query;
    const identities = [...store.optOutList(app.id, listType)].map((identity) => ({ identity }));
    const page = paginate(
      identities,
      { pageSize: readPageSize(q.get('page_size')), pageToken: q.get('page_token'), filterKey: q.filterKey() },
      {
        defaultSize: 10,
        maxSize: 50,
      },
    );
    return { identities: page.items, next_page_token: page.nextPageToken };
  });
}
