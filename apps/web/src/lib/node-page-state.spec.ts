import { nodePageHref, parseNodePageState } from './node-page-state';

describe('parseNodePageState', () => {
  it('should default to the routes tab with no filters when the URL has no query', () => {
    expect(parseNodePageState({})).toEqual({ tab: 'routes', q: '', sort: undefined, filters: {}, invalid: [] });
  });

  it('should keep only the filters the tab supports when the URL carries others', () => {
    const state = parseNodePageState({ tab: 'links', dev: 'cni0', table: 'main', q: 'veth' });
    expect(state.filters).toEqual({ dev: 'cni0' });
    expect(state.q).toBe('veth');
  });

  it('should report and drop a filter when its value is invalid', () => {
    const state = parseNodePageState({ tab: 'routes', prefix: '10.0.0.0', family: 'inet' });
    expect(state.filters).toEqual({ family: 'inet' });
    expect(state.invalid).toHaveLength(1);
    expect(state.invalid[0]).toMatch(/^prefix:/);
  });

  it('should read sort column and direction when both are given', () => {
    expect(parseNodePageState({ sort: 'metric', dir: 'desc' }).sort).toEqual({ column: 'metric', direction: 'desc' });
  });

  it('should fall back to routes when the tab is unknown', () => {
    expect(parseNodePageState({ tab: ['nope', 'links'] }).tab).toBe('routes');
  });
});

describe('nodePageHref', () => {
  it('should build a shareable URL with only the set values', () => {
    expect(
      nodePageHref('node-1', {
        tab: 'routes',
        filters: { dev: 'eth0', table: undefined },
        q: 'bird',
        sort: { column: 'dst', direction: 'desc' },
      }),
    ).toBe('/nodes/node-1?tab=routes&dev=eth0&q=bird&sort=dst&dir=desc');
  });
});
