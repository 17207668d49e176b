/**
 * What every export does with the credentials a request holds in plain text: the same rule the
 * importers apply (./literalSecrets.ts) — headers, query parameters, URL user info, body fields,
 * request variables and saved example responses — each literal secret replaced by a
 * `{{placeholder}}` named after its field, and the names listed for whoever imports the file to
 * fill in. The Postman export and our own export both go through here, so a secret one of them
 * would catch can never reach a file through the other.
 */
import type { RequestTemplate } from '../model/collection';
import type { KeyValue } from '../model/keyValue';
import { Placeholders, placeholderFor, replaceBodySecrets, replaceRowSecrets, replaceUrlSecrets, type SecretReplacer } from './literalSecrets';

export class ExportPlaceholders {
  private readonly names = new Placeholders();
  private readonly given = new Set<string>();

  /** Writes `{{name}}` where the secret was (after a header's `Bearer `/`Basic `); the same value keeps its name. */
  readonly replace: SecretReplacer = (secret) => {
    const name = this.names.name(placeholderFor(secret), secret.value);
    this.given.add(name);
    return `${secret.scheme}{{${name}}}`;
  };

  /** Adds a name written by the caller (a secret-named collection variable left out of the file). */
  add(name: string): void {
    this.given.add(name);
  }

  /** The placeholders given out, sorted: the file's list of what to fill in. */
  list(): string[] {
    return [...this.given].sort();
  }

  /** Variable rows (a collection's or a request's) with literal secret values replaced. */
  variables(rows: readonly KeyValue[]): KeyValue[] {
    return replaceRowSecrets(rows, 'variable', this.replace);
  }

  /** A request with every literal secret it holds replaced; everything else as it was. */
  request(r: RequestTemplate): RequestTemplate {
    return {
      ...r,
      url: replaceUrlSecrets(r.url, this.replace),
      params: replaceRowSecrets(r.params, 'query parameter', this.replace),
      headers: replaceRowSecrets(r.headers, 'header', this.replace),
      variables: this.variables(r.variables),
      body: { ...r.body, text: replaceBodySecrets(r.body, this.replace) },
      ...(r.examples
        ? {
            examples: r.examples.map((e) => ({
              ...e,
              headers: replaceRowSecrets(e.headers, 'header', this.replace),
              body: replaceBodySecrets({ mode: 'text', text: e.body }, this.replace),
            })),
          }
        : {}),
    };
  }
}
