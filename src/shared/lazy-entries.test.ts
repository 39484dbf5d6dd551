import { describe, expect, it } from 'vitest';
import { lazyEntries } from './lazy-entries';

describe('lazyEntries', () => {
  it('builds an entry on its first read, once, and no other', () => {
    const built: string[] = [];
    const o = lazyEntries({
      a: () => (built.push('a'), { n: 1 }),
      b: () => (built.push('b'), { n: 2 }),
    });
    expect(built).toEqual([]);
    expect(o.a.n).toBe(1);
    expect(o.a).toBe(o.a);
    expect(built).toEqual(['a']);
  });

  it('has the keys of a plain object before anything is built', () => {
    let builds = 0;
    const o = lazyEntries({ x: () => ++builds, y: () => ++builds });
    expect(Object.keys(o)).toEqual(['x', 'y']);
    expect('x' in o).toBe(true);
    expect(Object.prototype.hasOwnProperty.call(o, 'y')).toBe(true);
    expect(Object.prototype.hasOwnProperty.call(o, 'z')).toBe(false);
    expect(builds).toBe(0);
  });

  it('cannot be added to or overwritten', () => {
    const o = lazyEntries({ x: () => 1 });
    expect(() => Object.assign(o, { y: 2 })).toThrow(TypeError);
    void o.x;
    expect(() => Object.assign(o, { x: 2 })).toThrow(TypeError);
    expect(o.x).toBe(1);
  });
});
