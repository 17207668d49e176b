/**
 * Reads the Electron shell's sources as the TypeScript compiler sees them. The shell cannot run
 * here (Electron's runtime is not installed), and the static scanner reads the literal text at
 * each call site, so these tests check that same text rather than a value computed elsewhere.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export function parseSource(relativePath: string): ts.SourceFile {
  const path = `${repoRoot}${relativePath}`;
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

export function findAll<T extends ts.Node>(root: ts.Node, matches: (node: ts.Node) => node is T): T[] {
  const found: T[] = [];
  const visit = (node: ts.Node): void => {
    if (matches(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

export function propertyName(name: ts.PropertyName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return null;
}

/** The object literal's own `key: value` entries; a spread or computed key is reported, never skipped. */
export function literalEntries(object: ts.ObjectLiteralExpression): { entries: Map<string, ts.Expression>; opaque: string[]; duplicates: string[] } {
  const entries = new Map<string, ts.Expression>();
  const opaque: string[] = [];
  const duplicates: string[] = [];
  const source = object.getSourceFile();
  for (const property of object.properties) {
    let entry: [string | null, ts.Expression] | null = null;
    if (ts.isPropertyAssignment(property)) entry = [propertyName(property.name), property.initializer];
    else if (ts.isShorthandPropertyAssignment(property)) entry = [property.name.text, property.name];
    const name = entry?.[0] ?? null;
    if (entry === null || name === null) {
      opaque.push(property.getText(source));
      continue;
    }
    if (entries.has(name)) duplicates.push(name);
    entries.set(name, entry[1]);
  }
  return { entries, opaque, duplicates };
}

export function lineOf(node: ts.Node): number {
  const source = node.getSourceFile();
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}
