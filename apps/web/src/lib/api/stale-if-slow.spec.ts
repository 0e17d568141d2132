import { StaleIfSlow } from './stale-if-slow';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('stale-if-slow', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('should always read fresh when the API answers within the budget', async () => {
    const cache = new StaleIfSlow(200);
    expect(await cache.get('k', async () => 'a')).toBe('a');
    expect(await cache.get('k', async () => 'b')).toBe('b');
  });

  it('should wait for the first answer however slow, since nothing is kept yet', async () => {
    const cache = new StaleIfSlow(200);
    const first = deferred<string>();
    const got = cache.get('k', () => first.promise);
    jest.advanceTimersByTime(5_000);
    first.resolve('a');
    expect(await got).toBe('a');
  });

  it('should serve the kept answer after the budget and keep the slow read for the next request', async () => {
    const cache = new StaleIfSlow(200);
    await cache.get('k', async () => 'a');
    const slow = deferred<string>();
    const load = jest.fn(() => slow.promise);
    const got = cache.get('k', load);
    await jest.advanceTimersByTimeAsync(200);
    expect(await got).toBe('a');
    // The read in flight is joined, not started again.
    const again = cache.get('k', load);
    await jest.advanceTimersByTimeAsync(200);
    expect(await again).toBe('a');
    expect(load).toHaveBeenCalledTimes(1);
    slow.resolve('b');
    await slow.promise;
    // That read took 400 ms: the next one waits until 800 ms have passed.
    expect(await cache.get('k', async () => 'c')).toBe('b');
    await jest.advanceTimersByTimeAsync(800);
    expect(await cache.get('k', async () => 'c')).toBe('c');
  });

  it('should serve the kept answer when a read fails, and pass the failure on when nothing is kept', async () => {
    const cache = new StaleIfSlow(200);
    await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await cache.get('k', async () => 'a');
    const got = cache.get('k', async () => Promise.reject(new Error('down')));
    await jest.advanceTimersByTimeAsync(200);
    expect(await got).toBe('a');
  });

  it('should not read again within twice the duration of a slow read, and read fresh after that', async () => {
    let now = 0;
    const cache = new StaleIfSlow(200, () => now);
    const slow = deferred<string>();
    const got = cache.get('k', () => slow.promise);
    now = 3_000;
    slow.resolve('a');
    expect(await got).toBe('a');
    const load = jest.fn(async () => 'b');
    now = 8_999;
    expect(await cache.get('k', load)).toBe('a');
    expect(load).not.toHaveBeenCalled();
    now = 9_000;
    expect(await cache.get('k', load)).toBe('b');
  });
});
