/**
 * The import formats, in the order they are tried: the first whose `detect` says yes converts the
 * file (as Insomnia's importers/index.ts does). Adding a format is one folder in shared/formats/
 * whose index.ts exports an ImportFormat (./importFormat.ts), and one line here; the Import dialog's
 * help text and file chooser, `sinch-explorer import --help` and the "not a format Import knows"
 * message all list what is here.
 *
 * Why the formats live in shared/ whole (detector and converter), with the backend's part passed
 * in: the page needs the list (names, file types) and shared/ must stay pure, while some converters
 * need Node-only libraries (Postman's, loaded lazily by electron/backend/importer/postmanLibrary.ts).
 * Rather than a second, backend-side registry mapping ids to converters (two lists to keep in
 * step), a converter receives what it cannot do itself through `ImportTools`, which the backend
 * supplies (electron/backend/importer/read.ts). A pure format needs nothing from it.
 *
 * Order matters where two formats could claim one file: a file with a Postman collection's `info`
 * and an environment's `values` is read as a collection, one with `values` and our export's
 * `format` as an environment. Curl is told by the text alone (never JSON), so it comes last.
 */
import { curlFormat } from './curl/index';
import { explorerExportFormat } from './explorer/index';
import type { ImportFormat } from './importFormat';
import { postmanCollectionFormat, postmanEnvironmentFormat } from './postman/index';

export const IMPORT_FORMATS: readonly ImportFormat[] = [postmanCollectionFormat, postmanEnvironmentFormat, explorerExportFormat, curlFormat];

/** "Postman collections (v2.1, v2.0, v1), Postman environment and globals files, … and curl commands". */
export function describeFormats(formats: readonly ImportFormat[], conjunction: 'and' | 'or'): string {
  const all = formats.map((f) => f.description);
  if (all.length <= 2) return all.join(` ${conjunction} `);
  return `${all.slice(0, -1).join(', ')}, ${conjunction} ${all[all.length - 1] ?? ''}`;
}

/** A file chooser's `accept`: every format's file types, once each. */
export function acceptedFileTypes(formats: readonly ImportFormat[]): string {
  return [...new Set(formats.flatMap((f) => f.fileTypes))].join(',');
}

/** One line per format for a command's help: its id, then its description. */
export function formatLines(formats: readonly ImportFormat[], indent = '  '): string {
  const width = Math.max(...formats.map((f) => f.id.length));
  return formats.map((f) => `${indent}${f.id.padEnd(width)}  ${f.description}`).join('\n');
}
