import { BUILTIN_COLLECTION, BUILTIN_RUN_ORDER } from '../../../shared/catalog';
import { exportPostmanEnvironment } from '../../../shared/formats/postman/environment';
import { exportPostmanCollection } from '../../../shared/formats/postman/exportCollection';
import { environmentHosts } from '../../../shared/variables';
import type { BackendContext, HandlerGroup } from '../context';

/** File name safe on every OS, in Postman's own naming (`<name>.postman_collection.json`). */
function fileBase(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'export';
}

/** `transfer.*`: import from and export to Postman (and curl), all or nothing. */
export function transferHandlers(
  deps: Pick<BackendContext, 'imports' | 'collections' | 'collectionsChanged' | 'environments' | 'environmentsChanged' | 'sandbox' | 'globals' | 'emit'>,
): HandlerGroup<'transfer'> {
  return {
    'transfer.import': async ({ text, fileName, name }) => {
      const outcome = await deps.imports.importText(text, fileName, name !== undefined ? { name } : {});
      if (outcome.created.kind === 'collection') deps.collectionsChanged();
      if (outcome.created.kind === 'environment') await deps.environmentsChanged();
      if (outcome.created.kind === 'globals') deps.emit('globals.changed', await deps.globals.get());
      return outcome;
    },
    'transfer.storeSecrets': async (input) => {
      const { stored } = await deps.imports.storeSecrets(input);
      await deps.environmentsChanged();
      return { stored };
    },
    'transfer.bindVariables': async ({ collectionId, bindings }) => {
      const variables = await deps.imports.bindVariables(collectionId, bindings);
      deps.collectionsChanged();
      return { variables };
    },
    'transfer.exportPostman': async ({ id }) => {
      const builtin = id === BUILTIN_COLLECTION.id;
      const tree = builtin ? BUILTIN_COLLECTION : deps.collections.getCollection(id);
      const { collection, placeholders } = exportPostmanCollection(tree, builtin ? { runOrder: BUILTIN_RUN_ORDER } : {});
      return { fileName: `${fileBase(tree.name)}.postman_collection.json`, text: `${JSON.stringify(collection, null, 2)}\n`, placeholders };
    },
    'transfer.exportEnvironment': async ({ id }) => {
      const env = deps.environments.get(id);
      const file = exportPostmanEnvironment(env, environmentHosts(env, deps.sandbox.status().urls));
      return { fileName: `${fileBase(env.name)}.postman_environment.json`, text: `${JSON.stringify(file, null, 2)}\n` };
    },
  };
}
