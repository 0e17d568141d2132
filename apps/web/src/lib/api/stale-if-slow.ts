interface Entry<T> {
  value?: T;
  refreshing?: Promise<T>;
  /** When the last read ended and how long it took. */
  doneAt?: number;
  tookMs?: number;
}

/**
 * The last answer of a slow cluster-wide read (the node list and the checks, which the API computes over every node:
 * seconds at 1000 nodes), served when the read in flight does not answer within `budgetMs`. A fast API is always read
 * fresh; a slow one paints from its last answer while the read goes on and replaces it for the next request (the
 * pages re-render every few seconds). One read per key at a time; failures are never kept. A read that took longer
 * than the budget is not started again before twice its duration has passed: the API computes these reads on its own
 * event loop, and back-to-back reads would stall every other request it serves.
 */
export class StaleIfSlow {
  private readonly entries = new Map<string, Entry<unknown>>();

  constructor(
    private readonly budgetMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const entry = (this.entries.get(key) as Entry<T> | undefined) ?? {};
    this.entries.set(key, entry as Entry<unknown>);
    const slow = (entry.tookMs ?? 0) > this.budgetMs;
    if (
      entry.value !== undefined &&
      !entry.refreshing &&
      slow &&
      this.now() - (entry.doneAt ?? 0) < 2 * (entry.tookMs ?? 0)
    ) {
      return entry.value;
    }
    const reading = entry.refreshing ?? this.read(entry, load);
    if (entry.value === undefined) return reading;
    const kept = entry.value;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(kept), this.budgetMs);
    });
    try {
      // A failing read with an answer kept: the kept answer, once the budget is over.
      return await Promise.race([reading.catch(() => late), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private read<T>(entry: Entry<T>, load: () => Promise<T>): Promise<T> {
    const started = this.now();
    const reading = load().then(
      (value) => {
        entry.value = value;
        entry.refreshing = undefined;
        entry.doneAt = this.now();
        entry.tookMs = entry.doneAt - started;
        return value;
      },
      (error: unknown) => {
        entry.refreshing = undefined;
        throw error;
      },
    );
    entry.refreshing = reading;
    return reading;
  }
}
