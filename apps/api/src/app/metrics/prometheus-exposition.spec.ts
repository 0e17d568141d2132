import { renderExposition } from './prometheus-exposition';

describe('renderExposition', () => {
  it('should print HELP, TYPE and one line per sample with escaped label values when given families', () => {
    const text = renderExposition([
      {
        name: 'meshlens_bgp_session_up',
        help: 'BGP session Established (1) or not (0)',
        type: 'gauge',
        samples: [
          { labels: { node: 'node-1', session: 'Mesh_172_31_250_12' }, value: 1 },
          { labels: { node: 'node-2', session: 'odd "name"\\x' }, value: 0 },
        ],
      },
      { name: 'meshlens_up', help: 'Always 1', type: 'gauge', samples: [{ value: 1 }] },
    ]);

    expect(text).toBe(
      [
        '# HELP meshlens_bgp_session_up BGP session Established (1) or not (0)',
        '# TYPE meshlens_bgp_session_up gauge',
        'meshlens_bgp_session_up{node="node-1",session="Mesh_172_31_250_12"} 1',
        'meshlens_bgp_session_up{node="node-2",session="odd \\"name\\"\\\\x"} 0',
        '# HELP meshlens_up Always 1',
        '# TYPE meshlens_up gauge',
        'meshlens_up 1',
        '',
      ].join('\n'),
    );
  });
});
