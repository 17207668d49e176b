import { useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { newRequestTemplate } from '../../../shared/model/collection';
import { useConfirm } from '../../ui/Dialog';
import { useStore } from '../../store';
import { HistoryPanel } from '../history';
import { selectAllCollections } from './collectionsSlice';
import { isExpanded, visibleRows, type TreeRow } from './treeModel';
import { displayText } from '../../../shared/displayText';
import { usePointerDrag, type DropPlace, type DropTarget } from '../../ui/usePointerDrag';

type SidebarTab = 'collections' | 'history';

/** The left column: collections (built-in catalog first) with an instant filter, and history. */
export function Sidebar() {
  const [tab, setTab] = useState<SidebarTab>('collections');
  return (
    <aside className="sidebar" aria-label="Sidebar">
      <div className="tabs sidebar-tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'collections'}
          className={tab === 'collections' ? 'tab active' : 'tab'}
          onClick={() => setTab('collections')}
        >
          Collections
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'history'}
          className={tab === 'history' ? 'tab active' : 'tab'}
          onClick={() => setTab('history')}
        >
          History
        </button>
      </div>
      {tab === 'collections' ? <CollectionsPanel /> : <HistoryPanel />}
    </aside>
  );
}

function CollectionsPanel() {
  const collections = useStore(selectAllCollections);
  const expanded = useStore((s) => s.expanded);
  const filter = useStore((s) => s.sidebarFilter);
  const problems = useStore((s) => s.collections.problems);
  const workspaceDir = useStore((s) => s.collections.workspaceDir);
  const { setSidebarFilter, createCollection, setRenaming } = useStore.getState();
  const [naming, setNaming] = useState(false);
  const rows = useMemo(() => visibleRows(collections, expanded, filter), [collections, expanded, filter]);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const rowsById = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);
  // What a screen reader is told after a move, by keyboard or by drag (the rows say where they are, not that they moved).
  const [announcement, setAnnouncement] = useState('');
  const drag = usePointerDrag({
    idAttribute: 'data-row-id',
    labelFor: (id) => rowLabel(rowsById.get(id)),
    placeFor: (sourceId, targetId, fraction) => dropPlace(rowsById, sourceId, targetId, fraction),
    onDrop: (sourceId, target) => {
      dropRow(rowsById, sourceId, target);
      const source = rowsById.get(sourceId)?.name ?? 'The row';
      const onto = rowsById.get(target.id)?.name ?? 'the row';
      setAnnouncement(target.place === 'into' ? `Moved ${source} into ${onto}.` : `Moved ${source} ${target.place} ${onto}.`);
    },
    scroller: () => list.current,
  });

  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const index = rows.findIndex((r) => r.id === focusedId);
    const row = rows[index];
    if (row && e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      // Alt+↑/↓ moves the focused request or folder among its siblings, as the channel list does.
      e.preventDefault();
      const parentId = row.parentId;
      if (row.readOnly || row.kind === 'collection' || !parentId) {
        setAnnouncement(row.readOnly ? `${row.name} is built in and cannot be moved.` : `${row.name} is a collection; collections are not reordered.`);
        return;
      }
      const siblings = rows.filter((r) => r.parentId === parentId).length;
      const to = row.index + (e.key === 'ArrowUp' ? -1 : 1);
      if (to < 0 || to >= siblings) {
        setAnnouncement(`${row.name} is already ${to < 0 ? 'first' : 'last'} in ${rowsById.get(parentId)?.name ?? 'its folder'}.`);
        return;
      }
      void useStore
        .getState()
        .moveItem(row.id, parentId, to)
        .then(() => setAnnouncement(`Moved ${row.name} to position ${to + 1} of ${siblings} in ${rowsById.get(parentId)?.name ?? 'its folder'}.`));
      return;
    }
    const move = (to: number): void => {
      const next = rows[Math.max(0, Math.min(rows.length - 1, to))];
      if (next) {
        setFocusedId(next.id);
        list.current?.querySelector<HTMLElement>(`[data-row-id="${CSS.escape(next.id)}"]`)?.scrollIntoView({ block: 'nearest' });
      }
    };
    if (e.key === 'ArrowDown') move(index + 1);
    else if (e.key === 'ArrowUp') move(index - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(rows.length - 1);
    else if (row && e.key === 'ArrowRight' && row.kind !== 'request') useStore.getState().setExpanded(row.id, true);
    else if (row && e.key === 'ArrowLeft') {
      if (row.kind !== 'request' && isExpanded(expanded, row.id)) useStore.getState().setExpanded(row.id, false);
      else if (row.parentId) setFocusedId(row.parentId);
    } else if (row && e.key === 'Enter') activate(row);
    else if (row && e.key === 'F2' && !row.readOnly) setRenaming(row.id);
    else return;
    e.preventDefault();
  };

  // A file dropped anywhere on the panel is imported (rows being dragged carry no files).
  const [fileOver, setFileOver] = useState(false);
  const hasFiles = (e: DragEvent): boolean => e.dataTransfer.types.includes('Files');
  return (
    <div
      className={`collections-panel ${fileOver ? 'file-over' : ''}`}
      data-testid="collections-panel"
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setFileOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFileOver(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setFileOver(false);
        const file = e.dataTransfer.files[0];
        if (file) void useStore.getState().importFile(file);
      }}
    >
      <div className="sidebar-tools">
        <input
          type="search"
          aria-label="Filter requests"
          placeholder="Filter requests…"
          title="Ctrl+K jumps to any request"
          value={filter}
          onChange={(e) => setSidebarFilter(e.target.value)}
        />
        <button type="button" className="button small" title="New collection" aria-expanded={naming} onClick={() => setNaming(true)}>
          + New
        </button>
        <button
          type="button"
          className="button small"
          title="Import a Postman collection, environment or globals file, or a curl command (or drop a file here)"
          onClick={() => useStore.getState().startImport()}
        >
          Import…
        </button>
      </div>
      {naming && <NewCollectionForm onDone={() => setNaming(false)} create={createCollection} />}
      {problems.length > 0 && (
        <div className="banner error small" role="alert" data-testid="collection-problems">
          {problems.map((p) => (
            <p key={p.file}>{p.message}</p>
          ))}
        </div>
      )}
      <div className="sr-only" aria-live="polite" data-testid="tree-announcement">
        {announcement}
      </div>
      <div
        className="tree"
        role="tree"
        aria-label="Collections"
        tabIndex={0}
        ref={list}
        onKeyDown={onKey}
        onFocus={() => focusedId === null && rows[0] && setFocusedId(rows[0].id)}
      >
        {rows.map((row) => (
          <TreeRowView
            key={row.id}
            row={row}
            focused={row.id === focusedId}
            expanded={isExpanded(expanded, row.id) || filter.trim() !== ''}
            onFocus={() => setFocusedId(row.id)}
            dragging={drag.dragging === row.id}
            dropHint={drag.over?.id === row.id ? drag.over.place : null}
            onPointerDown={(e) => !row.readOnly && row.kind !== 'collection' && drag.start(e, row.id)}
          />
        ))}
        {rows.length === 0 && <p className="empty-hint">No request matches “{filter}”.</p>}
      </div>
      <WorkspaceFolder dir={workspaceDir} />
    </div>
  );
}

/**
 * "+ New" asks for the collection's name first: nothing is written to the workspace until Enter
 * (or Create); Escape, Cancel or leaving the box empty writes nothing.
 */
function NewCollectionForm({ onDone, create }: { onDone: () => void; create: (name: string) => Promise<unknown> }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (): Promise<void> => {
    const trimmed = name.trim();
    if (trimmed === '' || busy) return;
    setBusy(true);
    const created = await create(trimmed);
    setBusy(false);
    if (created) onDone();
  };
  return (
    <form
      className="new-collection"
      aria-label="New collection"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <input
        type="text"
        autoFocus
        aria-label="New collection name"
        placeholder="Collection name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onDone();
          }
        }}
        onBlur={(e) => {
          // Leaving an empty box is a cancel; a typed name stays until Enter, Create or Escape.
          if (name.trim() === '' && !e.currentTarget.form?.contains(e.relatedTarget)) onDone();
        }}
      />
      <button type="submit" className="button small primary" disabled={name.trim() === '' || busy}>
        Create
      </button>
      <button type="button" className="button small" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

function activate(row: TreeRow): void {
  const state = useStore.getState();
  if (row.kind === 'request') {
    void state.openSavedRequest(row.id, row.collectionId, row.readOnly);
  } else {
    state.setExpanded(row.id, !isExpanded(state.expanded, row.id));
  }
}

interface TreeRowProps {
  row: TreeRow;
  focused: boolean;
  expanded: boolean;
  onFocus: () => void;
  dragging: boolean;
  dropHint: DropPlace | null;
  onPointerDown: (event: ReactPointerEvent) => void;
}

function TreeRowView({ row, focused, expanded, onFocus, dragging, dropHint, onPointerDown }: TreeRowProps) {
  const renaming = useStore((s) => s.renamingId === row.id);
  const activeRequestId = useStore((s) => s.tabs.find((t) => t.id === s.activeTabId)?.request.id);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const [confirmDialog, ask] = useConfirm();
  const rowRef = useRef<HTMLDivElement>(null);
  const closeMenu = (): void => {
    setMenu(null);
    // Back to the tree, on this row, so the keyboard carries on where the menu was opened.
    onFocus();
    rowRef.current?.closest<HTMLElement>('[role="tree"]')?.focus();
  };
  return (
    <div
      role="treeitem"
      aria-level={row.depth + 1}
      aria-expanded={row.kind === 'request' ? undefined : expanded}
      aria-selected={row.kind === 'request' && row.id === activeRequestId}
      aria-label={row.kind === 'request' ? `${row.request?.method ?? ''} ${row.name}` : row.name}
      data-row-id={row.id}
      ref={rowRef}
      className={`tree-row kind-${row.kind} ${focused ? 'focused' : ''} ${row.kind === 'request' && row.id === activeRequestId ? 'current' : ''} ${dropHint ? `drop-${dropHint}` : ''} ${dragging ? 'dragging' : ''}`}
      style={{ paddingLeft: 8 + row.depth * 14 }}
      onPointerDown={renaming ? undefined : onPointerDown}
      onClick={() => {
        onFocus();
        activate(row);
      }}
      onDoubleClick={() => !row.readOnly && useStore.getState().setRenaming(row.id)}
      onContextMenu={(e) => {
        e.preventDefault();
        onFocus();
        setMenu({ x: e.clientX, y: e.clientY });
      }}
    >
      {row.kind !== 'request' ? (
        <span className={`caret ${expanded ? 'open' : ''}`}>▸</span>
      ) : (
        <span className={`method-badge method-${row.request?.method.toLowerCase() ?? 'get'}`}>{shortMethod(row.request?.method ?? '')}</span>
      )}
      {renaming ? <RenameInput row={row} /> : <span className="tree-name">{displayText(row.name)}</span>}
      {row.kind === 'collection' && row.readOnly && <span className="pill">built-in</span>}
      <button
        type="button"
        className="icon-button row-menu"
        aria-label={`Actions for ${row.name}`}
        onClick={(e) => {
          e.stopPropagation();
          const rect = e.currentTarget.getBoundingClientRect();
          setMenu({ x: rect.left, y: rect.bottom });
        }}
      >
        ⋯
      </button>
      {menu && <RowMenu row={row} at={menu} onClose={closeMenu} ask={ask} />}
      {confirmDialog}
    </div>
  );
}

function rowLabel(row: TreeRow | undefined): string {
  if (!row) return '';
  return row.kind === 'request' ? `${row.request?.method ?? ''} ${row.name}` : row.name;
}

/**
 * Where a dragged row would land on another: on a request, before it (upper half) or after it (lower half); on a
 * folder, into it, or before/after it near its top and bottom edges; on a collection, into it. Nothing lands in a
 * built-in collection, nor a folder inside itself.
 */
function dropPlace(rows: Map<string, TreeRow>, sourceId: string, targetId: string, fraction: number): DropPlace | null {
  const source = rows.get(sourceId);
  const target = rows.get(targetId);
  if (!source || !target || target.readOnly) return null;
  if (source.kind === 'folder') {
    for (let at: TreeRow | undefined = target; at; at = at.parentId ? rows.get(at.parentId) : undefined) if (at.id === source.id) return null;
  }
  if (target.kind === 'collection') return 'into';
  if (target.kind === 'request') return fraction < 0.5 ? 'before' : 'after';
  return fraction < 0.25 ? 'before' : fraction > 0.75 ? 'after' : 'into';
}

function dropRow(rows: Map<string, TreeRow>, sourceId: string, { id, place }: DropTarget): void {
  const source = rows.get(sourceId);
  const target = rows.get(id);
  if (!source || !target) return;
  const { moveItem } = useStore.getState();
  if (place === 'into' || !target.parentId) return void moveItem(sourceId, target.id, Number.MAX_SAFE_INTEGER >>> 1);
  // Positions count the parent's items without the moved one: moving down within a parent shifts the target up by one.
  let index = target.index + (place === 'after' ? 1 : 0);
  if (source.parentId === target.parentId && source.index < index) index -= 1;
  void moveItem(sourceId, target.parentId, index);
}

function shortMethod(method: string): string {
  return method === 'DELETE' ? 'DEL' : method === 'OPTIONS' ? 'OPT' : method === 'PATCH' ? 'PATCH' : method;
}

function RenameInput({ row }: { row: TreeRow }) {
  const [name, setName] = useState(row.name);
  const done = (commit: boolean): void => {
    const state = useStore.getState();
    state.setRenaming(null);
    const trimmed = name.trim();
    if (!commit || trimmed === '' || trimmed === row.name) return;
    if (row.kind === 'collection') void state.renameCollection(row.id, trimmed);
    else void state.renameItem(row.id, trimmed);
  };
  return (
    <input
      className="rename-input"
      aria-label={`Rename ${row.name}`}
      autoFocus
      value={name}
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => setName(e.target.value)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') done(true);
        if (e.key === 'Escape') done(false);
      }}
      onBlur={() => done(true)}
    />
  );
}

function RowMenu({ row, at, onClose, ask }: { row: TreeRow; at: { x: number; y: number }; onClose: () => void; ask: ReturnType<typeof useConfirm>[1] }) {
  const state = useStore.getState();
  const menuRef = useRef<HTMLUListElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    // Escape closes the menu wherever the focus is (a right-click does not move it into the menu).
    const onKey = (e: globalThis.KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      close.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  const onMenuKey = (e: KeyboardEvent<HTMLUListElement>): void => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown') items[(at + 1) % items.length]?.focus();
    else if (e.key === 'ArrowUp') items[(at - 1 + items.length) % items.length]?.focus();
    else if (e.key === 'Home') items[0]?.focus();
    else if (e.key === 'End') items[items.length - 1]?.focus();
    else if (e.key === 'Tab') onClose();
    else return;
    // The tree underneath must not move its own focus as well.
    e.preventDefault();
    e.stopPropagation();
  };
  const act = (fn: () => unknown) => () => {
    onClose();
    void fn();
  };
  const items: { label: string; run: () => void; danger?: boolean }[] = [];
  if (row.kind === 'collection') items.push({ label: 'Export to a file…', run: act(() => useStore.getState().exportCollection(row.id)) });
  if (row.kind === 'collection') items.push({ label: 'Export as Postman v2.1…', run: act(() => useStore.getState().exportPostman(row.id)) });
  if (row.readOnly) {
    if (row.kind === 'collection') items.push({ label: 'Copy into my workspace', run: act(() => state.importBuiltin()) });
    if (row.kind === 'request') items.push({ label: 'Open', run: act(() => state.openSavedRequest(row.id, row.collectionId, true)) });
  } else {
    if (row.kind !== 'request') {
      items.push({
        label: 'New request',
        run: act(async () => {
          const request = newRequestTemplate(crypto.randomUUID(), 'New request');
          const saved = await state.saveRequest(row.id, request);
          if (saved) {
            state.setExpanded(row.id, true);
            state.openRequest(saved, { kind: 'collection', collectionId: row.collectionId });
          }
        }),
      });
      items.push({ label: 'New folder', run: act(() => state.createFolder(row.id, 'New folder')) });
    }
    if (row.kind === 'request') items.push({ label: 'Open', run: act(() => state.openSavedRequest(row.id, row.collectionId, false)) });
    items.push({ label: 'Rename', run: act(() => state.setRenaming(row.id)) });
    items.push({ label: 'Duplicate', run: act(() => (row.kind === 'collection' ? state.duplicateCollection(row.id) : state.duplicateItem(row.id))) });
    if (row.kind !== 'collection' && row.parentId) {
      items.push({ label: 'Move up', run: act(() => state.moveItem(row.id, row.parentId!, Math.max(0, row.index - 1))) });
      items.push({ label: 'Move down', run: act(() => state.moveItem(row.id, row.parentId!, row.index + 1)) });
    }
    items.push({
      label: 'Delete',
      danger: true,
      run: act(async () => {
        const what = row.kind === 'collection' ? 'collection' : row.kind;
        const choice = await ask({
          title: `Delete ${what}?`,
          message: (
            <p>
              Delete the {what} “{displayText(row.name)}”{row.kind === 'request' ? '' : ' and everything in it'}? Its files are removed from the workspace
              folder.
            </p>
          ),
          choices: [{ value: 'delete', label: 'Delete', kind: 'danger' }],
        });
        if (choice !== 'delete') return;
        return row.kind === 'collection' ? state.deleteCollection(row.id) : state.deleteItem(row.id);
      }),
    });
  }
  return (
    <>
      <div
        className="menu-backdrop"
        onClick={(e) => {
          e.stopPropagation();
          onClose();
        }}
        onContextMenu={(e) => {
          e.preventDefault();
          onClose();
        }}
      />
      <ul
        className="menu"
        role="menu"
        aria-label={`Actions for ${row.name}`}
        ref={menuRef}
        style={{ left: at.x, top: at.y }}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={onMenuKey}
      >
        {items.map((item) => (
          <li key={item.label}>
            <button type="button" role="menuitem" className={item.danger ? 'danger' : ''} onClick={item.run}>
              {item.label}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The folder holding the user's collections, changeable in place (no native dialog in a browser). */
function WorkspaceFolder({ dir }: { dir: string }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(dir);
  if (!editing) {
    return (
      <div className="workspace-dir muted small">
        <span title={dir}>Workspace: {dir || '…'}</span>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setValue(dir);
            setEditing(true);
          }}
        >
          Change
        </button>
      </div>
    );
  }
  return (
    <form
      className="workspace-dir"
      onSubmit={(e) => {
        e.preventDefault();
        setEditing(false);
        if (value.trim() !== dir) void useStore.getState().setWorkspace(value.trim());
      }}
    >
      <input
        autoFocus
        type="text"
        aria-label="Workspace folder"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
      />
      <button type="submit" className="button small">
        Use
      </button>
    </form>
  );
}
