import type { CollectionsState, MethodName } from '../../shared/contract';
import type { Environment } from '../../shared/model/environment';
import type { KeyValue } from '../../shared/model/keyValue';
import type { VariableScope } from '../../shared/variables';
import type { AuthorizedSender, TokenManager } from './auth/index';
import type { CredentialService } from './secrets/credentials';
import type { HttpExecutor } from './http/executor';
import type { ResponseStore } from './http/responseStore';
import type { BackendOptions, EventSink, Handlers } from './index';
import type { SandboxManager } from './sandbox/manager';
import type { SecretVault } from './secrets/index';
import type { CollectionStore } from './storage/collections/store';
import type { EnvironmentStore } from './storage/environments';
import type { GlobalsStore } from './storage/globals';
import type { HistoryStore } from './storage/history';
import type { SettingsStore } from './storage/settings';
import type { WebhookService } from './webhooks/service';
import type { FirstRunStore } from './project/firstRunStore';
import type { ProjectService } from './project/service';
import type { TunnelService } from './tunnel/service';
import type { ImportService } from './importer/service';

/**
 * The services one backend is made of, and the few helpers several handler groups share. Each
 * handler group takes only the part it uses (`Pick<BackendContext, …>`).
 */
export interface BackendContext {
  options: BackendOptions;
  emit: EventSink;
  environments: EnvironmentStore;
  settings: SettingsStore;
  collections: CollectionStore;
  globals: GlobalsStore;
  history: HistoryStore;
  vault: SecretVault;
  credentials: CredentialService;
  tokens: TokenManager;
  authorized: AuthorizedSender;
  responses: ResponseStore;
  executor: HttpExecutor;
  sandbox: SandboxManager;
  hooks: WebhookService;
  project: ProjectService;
  firstRun: FirstRunStore;
  tunnel: TunnelService;
  /** Imports from Postman and curl; holds the secrets an import found until the user places them. */
  imports: ImportService;
  /** Requests on the wire, by the page's request id, so they can be cancelled. */
  inFlight: Map<string, AbortController>;
  /** Values captured while no environment was active: kept for this session only. */
  session: { captures: KeyValue[] };
  /** Tells the page environments changed, and starts the sandbox when the active one needs it. */
  environmentsChanged(): Promise<void>;
  collectionsChanged(): CollectionsState;
  /** Every scope a request sees: global < collection < environment (or session captures) < request. */
  scopeFor(env: Environment | null, collectionId: string | null, requestVariables: KeyValue[] | undefined): Promise<VariableScope>;
}

/** What comes before the dot of a contract method: `app`, `history`, `sandbox`… one handler file each. */
export type MethodPrefix = MethodName extends `${infer Prefix}.${string}` ? Prefix : never;

/**
 * The handlers of every contract method whose name starts with `<prefix>.`: one group per file in
 * ./handlers, named for its prefix. A method left out, or one that is not in the contract, fails
 * the type-check; so does a prefix the contract does not have.
 */
export type HandlerGroup<Prefix extends MethodPrefix> = { [M in Extract<MethodName, `${Prefix}.${string}`>]: Handlers[M] };
