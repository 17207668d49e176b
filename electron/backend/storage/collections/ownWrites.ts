import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

/** How long the store remembers a path it wrote, to tell its own watcher events from others'. */
const SELF_WRITE_QUIET_MS = 2000;

interface OwnWrite {
  /** The written file's time; -1 until `settle` records it (every event for it is ours meanwhile). */
  mtimeMs: number;
  /** A folder moved or removed: events inside it are ours too. */
  tree: boolean;
  until: number;
}

/**
 * The paths the store wrote a moment ago, so its file watcher can tell the app's own writes (to
 * ignore: the index is already current) from an edit by hand or by git a moment later (to read).
 * Recognised by path and by the file's time, never by "something happened shortly after a write".
 */
export class OwnWrites {
  private readonly paths = new Map<string, OwnWrite>();

  constructor(private readonly workspace: () => string) {}

  /**
   * Marks a path as written by the store, before writing (its events may come at once). Until
   * `settle` records its time, any event for it (or, for a folder, inside it) is ours.
   */
  mark(path: string, tree = false): void {
    this.paths.set(path, { mtimeMs: -1, tree, until: Date.now() + SELF_WRITE_QUIET_MS });
  }

  /** Records the written file's time: a later event for it with another time is someone else's edit. */
  async settle(path: string): Promise<void> {
    try {
      this.paths.set(path, { mtimeMs: (await stat(path)).mtimeMs, tree: false, until: Date.now() + SELF_WRITE_QUIET_MS });
    } catch {
      /* gone: events for it stay ours until the window ends */
    }
  }

  /** True when an event for `path` comes from the store's own writes (not a hand or git edit). */
  async isOwn(path: string): Promise<boolean> {
    const now = Date.now();
    for (const [p, own] of this.paths) if (own.until < now) this.paths.delete(p);
    // Temp files of atomic writes (".name.xxxx.tmp") are the store's.
    if (/^\..*\.tmp$/.test(basename(path))) return true;
    const exact = this.paths.get(path);
    if (exact) {
      if (exact.mtimeMs < 0) return true;
      try {
        return (await stat(path)).mtimeMs === exact.mtimeMs;
      } catch {
        return false;
      }
    }
    // Inside a folder the store moved or removed (a folder it made is watched like any other).
    const workspaceDir = this.workspace();
    for (let dir = dirname(path); dir.length > workspaceDir.length; dir = dirname(dir)) {
      if (this.paths.get(dir)?.tree === true) return true;
    }
    return false;
  }
}
