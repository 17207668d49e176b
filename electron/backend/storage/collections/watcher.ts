import { watch, type FSWatcher } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { OwnWrites } from './ownWrites';
import { entryOf } from './workspacePath';

/** How long the watcher waits for a burst of file events (a git checkout) to settle. */
const WATCH_DEBOUNCE_MS = 75;

/**
 * Follows the workspace folder for edits made outside the app and says which collection folders
 * changed: events are gathered per collection folder (top-level entry), the store's own writes
 * left out, and `onSettled` is called once a burst is over. The store then takes the entries with
 * `takePending` and reads just those again. '' among them means "something changed, read all".
 *
 * One plain (non-recursive) fs.watch per folder the workspace is made of (the workspace, each
 * collection, each folder in it): a few hundred for a large workspace, where a recursive watch on
 * Linux sets one up per file and takes seconds.
 */
export class WorkspaceWatcher {
  private root: FSWatcher | null = null;
  /** Folder path → its watcher, for every collection and folder the store knows. */
  private readonly dirs = new Map<string, FSWatcher>();
  /** Collection folder names (top-level entries) seen changing, not yet taken. */
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly workspace: () => string,
    private readonly own: OwnWrites,
    private readonly onSettled: () => void,
  ) {}

  get active(): boolean {
    return this.root !== null;
  }

  /** Starts watching the workspace and `dirs`; false when it cannot (the store then reads everything around each change). */
  async start(dirs: () => Iterable<string>): Promise<boolean> {
    this.stop();
    const workspaceDir = this.workspace();
    try {
      await mkdir(workspaceDir, { recursive: true });
      this.root = this.watchDir(workspaceDir);
      this.follow(dirs());
      return true;
    } catch {
      this.stop();
      return false;
    }
  }

  stop(): void {
    this.root?.close();
    this.root = null;
    for (const w of this.dirs.values()) w.close();
    this.dirs.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }

  /** Watches exactly these collection and folder directories (what the index holds now). */
  follow(wanted: Iterable<string>): void {
    if (!this.root) return;
    const keep = new Set(wanted);
    for (const [dir, w] of this.dirs) {
      if (!keep.has(dir)) {
        w.close();
        this.dirs.delete(dir);
      }
    }
    for (const dir of keep) {
      if (this.dirs.has(dir)) continue;
      try {
        this.dirs.set(dir, this.watchDir(dir));
      } catch {
        /* gone already: the next event or change reads it again */
      }
    }
  }

  /** The collection folders seen changing since the last call ('' for "read everything"), and forgets them. */
  takePending(): string[] {
    if (this.pending.size === 0) return [];
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const entries = [...this.pending];
    this.pending.clear();
    return entries;
  }

  private watchDir(dir: string): FSWatcher {
    const watcher = watch(dir, { persistent: false }, (_event, filename) => {
      const name = filename === null ? '' : String(filename);
      // An event without a name means "something in this folder changed": read everything.
      if (name === '') this.onDiskEvent('', null);
      else this.onDiskEvent(entryOf(this.workspace(), join(dir, name)) ?? '', join(dir, name));
    });
    watcher.on('error', () => {
      // The folder went away (deleted, moved): its parent's watcher reports that.
      watcher.close();
      if (this.dirs.get(dir) === watcher) this.dirs.delete(dir);
    });
    return watcher;
  }

  /**
   * `entry`: the collection folder (top-level name) the event is about, '' for "unknown: read
   * all"; `path`: the file or folder named by the event. The store's own writes are recognised by
   * path (and time), so a hand edit right after an app change is still seen.
   */
  private onDiskEvent(entry: string, path: string | null): void {
    // A temp file at the top level is nobody's collection.
    if (entry.startsWith('.')) return;
    if (path === null) {
      this.queueEntry(entry);
      return;
    }
    void this.own.isOwn(path).then((own) => {
      if (!own) this.queueEntry(entry);
    });
  }

  private queueEntry(entry: string): void {
    if (!this.root) return;
    this.pending.add(entry);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.onSettled();
    }, WATCH_DEBOUNCE_MS);
  }
}
