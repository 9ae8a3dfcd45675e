/**
 * Groups CDR rows that belong to one call (same linkedid, same CUCM global call id) while
 * streaming. Rows of a call are written close together but not always adjacently, so a
 * group stays open until `window` further rows have passed without touching it; memory is
 * bounded by the window, not by the file.
 */
export class WindowedGrouper<T> {
  private readonly open = new Map<string, { items: T[]; lastSeen: number }>();
  private seen = 0;

  constructor(private readonly window: number) {}

  /** Adds a row; returns the groups that fell out of the window. */
  add(key: string, item: T): T[][] {
    this.seen += 1;
    const group = this.open.get(key);
    if (group) {
      group.items.push(item);
      group.lastSeen = this.seen;
      // Re-insert so the map stays ordered by last activity and the oldest group is first.
      this.open.delete(key);
      this.open.set(key, group);
    } else {
      this.open.set(key, { items: [item], lastSeen: this.seen });
    }
    const flushed: T[][] = [];
    for (const [openKey, openGroup] of this.open) {
      if (this.seen - openGroup.lastSeen < this.window) break;
      flushed.push(openGroup.items);
      this.open.delete(openKey);
    }
    return flushed;
  }

  flushAll(): T[][] {
    const groups = [...this.open.values()].map((group) => group.items);
    this.open.clear();
    return groups;
  }
}

/** Default look-back for grouping streamed rows into calls. */
export const DEFAULT_GROUP_WINDOW_ROWS = 2000;
