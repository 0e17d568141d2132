import { percentile } from '../bench-output.util';

export const median = (xs: readonly number[]): number => percentile([...xs].sort((a, b) => a - b), 50);

/** Runs `task` `runs` times one after another (after `warmup` untimed runs); wall times in ms. */
export async function timeRuns(runs: number, task: () => Promise<unknown>, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await task();
    times.push(performance.now() - t0);
  }
  return times;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
