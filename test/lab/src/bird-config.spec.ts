import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseShowProtocols, renderBirdConfig } from './bird-config';

const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', 'bird', name), 'utf8');

describe('parseShowProtocols', () => {
  it('should read long Mesh_ names and the Established info when the mesh is up', () => {
    const bgp = parseShowProtocols(fixture('show-protocols-mesh-established.txt')).filter((p) => p.proto === 'BGP');
    expect(bgp.map((p) => [p.name, p.state, p.info])).toEqual([
      ['Mesh_172_31_250_12', 'up', 'Established'],
      ['Mesh_172_31_250_13', 'up', 'Established'],
      ['Mesh_172_31_250_14', 'up', 'Established'],
    ]);
  });

  it('should keep the last error in info when a peer sent an administrative shutdown', () => {
    const row = parseShowProtocols(fixture('show-protocols-peer-dropped.txt')).find((p) => p.name === 'Mesh_172_31_250_12');
    expect(row).toMatchObject({ state: 'start', info: 'Passive Received: Administrative shutdown' });
  });

  it('should give an empty info when the protocol is disabled', () => {
    const rows = parseShowProtocols(fixture('show-protocols-disabled.txt')).filter((p) => p.proto === 'BGP');
    expect(rows.every((p) => p.state === 'down' && p.info === '')).toBe(true);
  });
});

describe('renderBirdConfig', () => {
  const base = { routerId: '172.31.250.12', block: '10.201.0.64/26', logFile: '/tmp/bird.log' };

  it('should make only the peer with the smaller address string connect when two nodes mesh', () => {
    const config = renderBirdConfig({
      ...base,
      peers: [
        { name: 'Mesh_172_31_250_11', ip: '172.31.250.11', rrClient: false },
        { name: 'Mesh_172_31_250_13', ip: '172.31.250.13', rrClient: false },
      ],
    });
    const toLower = config.slice(config.indexOf('protocol bgp Mesh_172_31_250_11'), config.indexOf('protocol bgp Mesh_172_31_250_13'));
    const toHigher = config.slice(config.indexOf('protocol bgp Mesh_172_31_250_13'));
    expect(toLower).not.toContain('passive on');
    expect(toHigher).toContain('passive on');
  });

  it('should announce the block as a blackhole and mark reflector clients when node-1 reflects', () => {
    const config = renderBirdConfig({
      ...base,
      routerId: '172.31.250.11',
      block: '10.201.0.0/26',
      rrClusterId: '244.0.0.1',
      peers: [{ name: 'Node_172_31_250_12', ip: '172.31.250.12', rrClient: true }],
    });
    expect(config).toContain('route 10.201.0.0/26 blackhole;');
    expect(config).toContain('rr client;\n  rr cluster id 244.0.0.1;');
  });
});
