/**
 * `sinch-explorer import` and `sinch-explorer export`: the app's Import… and Export as Postman
 * from a terminal, so CI can convert both ways with the same code the app uses.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { MAX_IMPORT_BYTES, tooLargeToImport } from '../../shared/formats/convertImport';
import type { ImportFormat } from '../../shared/formats/importFormat';
import { exportPostmanEnvironment } from '../../shared/formats/postman/environment';
import { exportPostmanCollection } from '../../shared/formats/postman/exportCollection';
import { IMPORT_FORMATS, formatLines } from '../../shared/formats/registry';
import type { ImportReport } from '../../shared/formats/report';
import type { BindingTarget } from '../../shared/formats/sinchVariables';
import type { CollectionTree } from '../../shared/model/collection';
import { environmentHosts } from '../../shared/variables';
import * as backend from '../backend/services';
import { UsageError, parseFlags } from './args';

/** The formats come from the registry (shared/formats/registry.ts), as the app's Import dialog's do. */
export function importHelp(formats: readonly ImportFormat[] = IMPORT_FORMATS): string {
  return `Usage: sinch-explorer import <file> [--into <workspace folder>] [--name NAME] [--bind] [--json]

Imports a file as Import… in the app does: all or nothing, with a report of what was converted
and what was not, per request. The format is recognised from the file's content:
${formatLines(formats)}
A curl command is only read (the app opens it as a request): nothing is written.
  --into DIR   the workspace folder to add a collection to (default: the app's workspace)
  --name NAME  import under this name instead of the file's
  --bind       bind the collection's Sinch-named variables ({{PROJECT_ID}}, {{BASE_URL}}…) to the
               environment's own ({{project_id}}, {{base_url}}…), as the app's report offers
  --json       print the report as one JSON object
Environments and globals go to the app's data folder (SINCH_EXPLORER_DATA_DIR overrides it).
Secrets a collection holds are never written: the report names them; store them in the app.

Exit code: 0 when imported, 1 when refused (nothing written), 2 for a usage error.`;
}

const EXPORT_HELP = `Usage: sinch-explorer export <collection folder | builtin | environment file> --format postman [--out FILE]

Writes a collection as a Postman collection v2.1 file (authentication as {{key_id}}/{{key_secret}}
placeholders, captures as test scripts, no secret values), or an environment file saved by the
app as a Postman environment file (secret values left empty).
  --format postman  the only format so far
  --out FILE        write here (default: standard output)`;

export async function runImportCommand(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, { into: 'string', name: 'string', bind: 'boolean', json: 'boolean', help: 'boolean' } as const);
  if (flags.help) {
    console.log(importHelp());
    return 0;
  }
  if (flags._.length !== 1) throw new UsageError(flags._.length === 0 ? 'Name the file to import.' : `Import one file at a time (got ${flags._.join(', ')}).`);
  const file = resolve(flags._[0] as string);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    console.error(`${file} is not a file. Give a Postman collection or environment file (.json).`);
    return 2;
  }
  if (info.size > MAX_IMPORT_BYTES) {
    console.error(`${tooLargeToImport(file, info.size)} Nothing was written.`);
    return 1;
  }
  const dataDir = backend.defaultDataDir();
  const { imports: service, workspace } = await backend.createImportServices({
    dataDir,
    ...(flags.into !== undefined ? { workspace: resolve(flags.into) } : {}),
  });
  try {
    const outcome = await service.importText(await readFile(file, 'utf8'), basename(file), flags.name !== undefined ? { name: flags.name } : {});
    const bindings = (outcome.report.bindings ?? []).filter((b): b is typeof b & { target: BindingTarget } => b.target !== 'access-key' && b.suggested);
    const bound = flags.bind === true && outcome.created.kind === 'collection' && bindings.length > 0;
    if (bound && outcome.created.kind === 'collection') await service.bindVariables(outcome.created.id, bindings);
    if (flags.json) {
      console.log(JSON.stringify({ created: outcome.created.kind === 'curl' ? { kind: 'curl' } : outcome.created, report: outcome.report }));
      return 0;
    }
    const where =
      outcome.created.kind === 'collection'
        ? `collection "${outcome.created.name}" in ${workspace}`
        : outcome.created.kind === 'environment'
          ? `environment "${outcome.created.name}" in ${join(dataDir, 'environments')}`
          : outcome.created.kind === 'globals'
            ? `${outcome.created.count} global variables in ${join(dataDir, 'globals.json')}`
            : 'nothing (a curl command is opened in the app)';
    console.log(`Imported ${outcome.report.source} as ${where}.`);
    console.log(formatReport(outcome.report, bound));
    return 0;
  } catch (error) {
    if (error instanceof backend.BackendError) {
      console.error(`${error.message}${/Nothing/.test(error.message) ? '' : ' Nothing was written.'}`);
      return 1;
    }
    throw error;
  }
}

/** The report as lines: counts, then each note under the request it is about. */
export function formatReport(report: ImportReport, bound = false): string {
  const c = report.counts;
  const lines = [`${c.requests} requests, ${c.folders} folders, ${c.variables} variables, ${c.captures} captures, ${c.examples} examples.`];
  for (const note of report.notes) lines.push(`  ${note.level === 'converted' ? '~' : '!'} ${note.path ? `${note.path}: ` : ''}${note.message}`);
  const bindable = (report.bindings ?? []).filter((b) => b.target !== 'access-key' && b.suggested);
  if (bindable.length > 0) {
    const list = bindable.map((b) => `{{${b.variable}}} → {{${b.target}}}`).join(', ');
    lines.push(
      bound ? `  Bound to the environment: ${list}.` : `  Sinch-named variables: ${list}. Import with --bind (or in the app) to bind them to the environment.`,
    );
  }
  if (report.secrets.length > 0)
    lines.push(
      `  Secrets found and not saved: ${report.secrets.map((s) => s.label).join(', ')}. Enter them in the app (Environments, padlocked) or import in the app to store them in the keychain.`,
    );
  return lines.join('\n');
}

export async function runExportCommand(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, { format: 'string', out: 'string', help: 'boolean' } as const);
  if (flags.help) {
    console.log(EXPORT_HELP);
    return 0;
  }
  if (flags._.length !== 1)
    throw new UsageError(
      flags._.length === 0
        ? 'Name what to export: a collection folder, "builtin", or an environment file.'
        : `Export one thing at a time (got ${flags._.join(', ')}).`,
    );
  if (flags.format !== 'postman')
    throw new UsageError(
      flags.format === undefined ? 'Say which format: --format postman.' : `Unknown format "${flags.format}"; the one supported is postman.`,
    );
  const source = flags._[0] as string;
  const files = await backend.createFileServices();
  let text: string;
  let placeholders: string[];
  if (source === 'builtin') {
    const { BUILTIN_COLLECTION, BUILTIN_RUN_ORDER } = await import('../../shared/catalog/index');
    ({ text, placeholders } = collectionText(BUILTIN_COLLECTION, BUILTIN_RUN_ORDER));
  } else {
    const path = resolve(source);
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      const { collection, problems } = await files.loadCollectionFolder(path);
      if (!collection) {
        console.error(problems[0]?.message ?? `${path} holds no collection.json.`);
        return 2;
      }
      for (const problem of problems) console.error(`warning: ${problem.message}`);
      ({ text, placeholders } = collectionText(collection));
    } else if (info?.isFile()) {
      const result = await files.readEnvironmentFile(path);
      if (!result.ok) {
        console.error(`${path} is not an environment file saved by the app (${result.message}). Give a collection folder, "builtin", or an environment file.`);
        return 2;
      }
      if (result.value.region === 'sandbox')
        console.error("note: a Sandbox environment's base URL changes every launch; base_url is left empty. Fill it in with the sandbox's address.");
      const file = exportPostmanEnvironment(result.value, environmentHosts(result.value, null));
      text = `${JSON.stringify(file, null, 2)}\n`;
      placeholders = result.value.variables.filter((v) => v.secret).map((v) => v.key);
    } else {
      console.error(`${path} does not exist. Give a collection folder, "builtin", or an environment file.`);
      return 2;
    }
  }
  if (flags.out !== undefined) {
    await files.writeFile(resolve(flags.out), text);
    console.error(`Wrote ${resolve(flags.out)}${placeholders.length > 0 ? `; fill in ${placeholders.map((p) => `{{${p}}}`).join(', ')}` : ''}.`);
  } else process.stdout.write(text);
  return 0;
}

function collectionText(tree: CollectionTree, runOrder?: readonly string[]): { text: string; placeholders: string[] } {
  const { collection, placeholders } = exportPostmanCollection(tree, runOrder ? { runOrder } : {});
  return { text: `${JSON.stringify(collection, null, 2)}\n`, placeholders };
}
