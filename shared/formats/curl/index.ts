/**
 * A curl command, pasted or in a file: read by ./importCurl.ts into a new request (opened, not
 * saved), its credentials offered for the keychain as the padlocked variables the request now
 * reads them from. ("Copy as curl", the other way, is ../curl.ts.)
 */
import { newRequestTemplate, type RequestTemplate } from '../../model/collection';
import { ImportRefusal, type ImportFormat } from '../importFormat';
import { emptyCounts } from '../report';
import { CurlParseError, importCurl, looksLikeCurl } from './importCurl';

/** As many as `transfer.storeSecrets` takes in one call. */
const MAX_CURL_OFFERS = 200;

export const curlFormat: ImportFormat = {
  id: 'curl',
  name: 'curl command',
  description: 'curl commands',
  // Pasted, mostly: the file chooser does not offer shell scripts.
  fileTypes: [],
  detect: (input) => looksLikeCurl(input.text),
  async convert(input, tools) {
    try {
      const { request, notes, secrets } = importCurl(input.text);
      const url = request.url.replace(/^https?:\/\//, '');
      const name = `${request.method} ${url.split('?')[0]?.split('/').slice(-2).join('/') ?? url}`.slice(0, 120);
      const template: RequestTemplate = { ...newRequestTemplate(tools.newId(), name), ...request };
      const counts = { ...emptyCounts(), requests: 1 };
      // Offered for the keychain as the padlocked variables the request now reads them from.
      const offers = secrets
        .slice(0, MAX_CURL_OFFERS)
        .map((secret, i) => ({ id: `secret-${i + 1}`, label: secret.label, target: { kind: 'variable' as const, name: secret.placeholder } }));
      const secretValues = secrets.slice(0, MAX_CURL_OFFERS).map((secret, i) => ({ id: `secret-${i + 1}`, value: secret.value }));
      return {
        kind: 'curl',
        request: template,
        report: {
          kind: 'curl',
          source: 'curl command',
          name,
          counts,
          notes: notes.map((message) => ({ path: name, level: message.startsWith('Credentials were replaced') ? 'converted' : 'skipped', message })),
          secrets: offers,
          accessKey: null,
        },
        secretValues,
      };
    } catch (error) {
      if (error instanceof CurlParseError) throw new ImportRefusal(`The curl command could not be read: ${error.message}`);
      throw error;
    }
  },
};
