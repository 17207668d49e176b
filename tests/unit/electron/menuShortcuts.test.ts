import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { findAll, lineOf, literalEntries, parseSource } from './sourceAst';

/**
 * Ctrl/Cmd+W closes the active request tab, as in VS Code and Postman. A menu accelerator is handled before
 * (or instead of) the page's key handler, so no menu item of the shell may keep that key: Electron's default
 * File menu (macOS) and Window menu (Windows, Linux) bind it to closing the window.
 */
const menuItems = (): { role: string | null; accelerator: string | null; hasSubmenu: boolean; line: number }[] =>
  findAll(parseSource('electron/main.ts'), (node): node is ts.ObjectLiteralExpression => ts.isObjectLiteralExpression(node)).flatMap((object) => {
    const { entries } = literalEntries(object);
    const role = entries.get('role');
    if (!role) return [];
    const text = (node: ts.Expression | undefined): string | null =>
      node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;
    const roleNode = ts.isAsExpression(role) ? role.expression : role;
    return [{ role: text(roleNode), accelerator: text(entries.get('accelerator')), hasSubmenu: entries.has('submenu'), line: lineOf(object) }];
  });

describe('the Electron menu leaves Ctrl/Cmd+W to the request tabs', () => {
  it('writes out the File and Window menus instead of taking the defaults that bind it', () => {
    const items = menuItems();
    for (const role of ['fileMenu', 'windowMenu']) {
      const item = items.find((i) => i.role === role);
      expect(item, `a ${role} in electron/main.ts`).toBeDefined();
      expect(item?.hasSubmenu, `${role} (line ${item?.line}) lists its items; its default has Close on Ctrl/Cmd+W`).toBe(true);
    }
  });

  it('closes the window with Ctrl/Cmd+Shift+W', () => {
    const closers = menuItems().filter((i) => i.role === 'close');
    expect(closers.length).toBeGreaterThan(0);
    for (const item of closers) expect(item.accelerator, `role 'close' at line ${item.line}`).toBe('CmdOrCtrl+Shift+W');
  });

  it('binds no other item to Ctrl/Cmd+W', () => {
    for (const item of menuItems())
      expect(item.accelerator ?? '', `role '${item.role}' at line ${item.line}`).not.toMatch(/^(CmdOrCtrl|CommandOrControl|Ctrl|Control|Cmd|Command)\+W$/i);
  });
});
