import type { Link } from '@meshlens/model';

/** What the links tab needs to say about each link's neighbours in the same namespace. */
export interface LinkRelations {
  /** Bridge name -> names of its ports (links whose `master` is the bridge), naturally sorted. */
  portsByBridge: ReadonlyMap<string, readonly string[]>;
  byIfindex: ReadonlyMap<number, Link>;
}

export const buildLinkRelations = (links: readonly Link[]): LinkRelations => {
  const ports = new Map<string, string[]>();
  for (const link of links) {
    if (!link.master) continue;
    const list = ports.get(link.master) ?? [];
    list.push(link.ifname);
    ports.set(link.master, list);
  }
  for (const list of ports.values()) list.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return { portsByBridge: ports, byIfindex: new Map(links.map((l) => [l.ifindex, l])) };
};

/** The veth peer as "name" when it is local, else "if<index> in netns <id>" (its name lives in another namespace). */
export const describeVethPeer = (link: Link, relations: LinkRelations): string => {
  const local = link.peerNetnsId === undefined && link.peerIfindex !== undefined;
  const name = link.peerIfname ?? (local ? relations.byIfindex.get(link.peerIfindex ?? -1)?.ifname : undefined);
  if (name) return link.peerNetnsId === undefined ? name : `${name} (netns ${link.peerNetnsId})`;
  if (link.peerIfindex === undefined) return '';
  return link.peerNetnsId === undefined
    ? `if${link.peerIfindex}`
    : `if${link.peerIfindex} in netns ${link.peerNetnsId}`;
};

/** One line a operator reads to place the link: peer, ports, tunnel parameters. */
export const describeLinkRelation = (link: Link, relations: LinkRelations): string => {
  if (link.kind === 'veth') {
    const peer = describeVethPeer(link, relations);
    return peer ? `peer ${peer}` : '';
  }
  if (link.kind === 'bridge') {
    const ports = relations.portsByBridge.get(link.ifname) ?? [];
    return ports.length > 0 ? `ports ${ports.join(', ')}` : 'no ports';
  }
  if (link.vxlan) {
    const v = link.vxlan;
    return [
      `VNI ${v.vni}`,
      `port ${v.port}`,
      v.local ? `local ${v.local}` : undefined,
      v.underlayDev ? `underlay ${v.underlayDev}` : undefined,
      v.learning ? 'learning' : 'nolearning',
    ]
      .filter(Boolean)
      .join(' · ');
  }
  if (link.ipTunnel) {
    const t = link.ipTunnel;
    return [
      t.local ? `local ${t.local}` : undefined,
      t.remote ? `remote ${t.remote}` : 'remote any',
      t.underlayDev ? `underlay ${t.underlayDev}` : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
  }
  if (link.tun) return `mode ${link.tun.mode}`;
  if (link.peerIfindex !== undefined) {
    const parent = relations.byIfindex.get(link.peerIfindex)?.ifname;
    return `link ${parent ?? `if${link.peerIfindex}`}`;
  }
  return '';
};
