import { describe, expect, it } from 'vitest';
import { RecentCache } from '../../extension/src/tuning/recent-cache.ts';

describe('RecentCache', () => {
  it('keeps the most recently used entries up to its limit', () => {
    const cache = new RecentCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now more recent than b
    cache.set('c', 3);
    expect(cache.keys()).toEqual(['a', 'c']);
    expect(cache.get('b')).toBeUndefined();
    cache.set('a', 10);
    cache.set('d', 4);
    expect(cache.keys()).toEqual(['a', 'd']);
    expect(cache.get('a')).toBe(10);
  });
});
