import { findUnstorableStrings } from './find-unstorable-strings';

describe('findUnstorableStrings', () => {
  it('should name the path of a NUL, a lone surrogate and a bad key when a body holds them', () => {
    const body = { tables: { routes: [{ dev: 'eth0' }, { dev: 'et\u0000h0' }] }, nodeName: 'a\ud800', ['k\udc00']: 1 };

    expect(findUnstorableStrings(body).map((i) => i.path).sort()).toEqual(['k\udc00', 'nodeName', 'tables.routes.1.dev']);
  });

  it('should accept emoji and other paired surrogates when they are whole', () => {
    expect(findUnstorableStrings({ q: '💥 ünïcode', list: ['𝔘'] })).toEqual([]);
  });

  it('should walk nesting deeper than the call stack when a body is built to overflow it', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];

    expect(findUnstorableStrings(deep)).toHaveLength(1);
  });
});
