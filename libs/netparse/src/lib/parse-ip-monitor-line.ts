/**
 * One line of `ip monitor all`: which kind of kernel object changed. With `all`, iproute2 prefixes each event with
 * its object in brackets ("[ROUTE]10.6.0.0/24 via ..."); bridge FDB changes come as [NEIGH] lines (the kernel sends
 * them on the neighbour group). Lines that start with white space continue the previous event.
 */
export type IpMonitorEvent = 'link' | 'addr' | 'route' | 'neigh' | 'nexthop' | 'ignored' | 'continuation' | 'unknown';

const OBJECTS: Record<string, IpMonitorEvent> = {
  LINK: 'link',
  ADDR: 'addr',
  ROUTE: 'route',
  NEIGH: 'neigh',
  NEXTHOP: 'nexthop',
  // Objects the model does not hold: their changes cannot change a report.
  NETCONF: 'ignored',
  NSID: 'ignored',
  RULE: 'ignored',
  PREFIX: 'ignored',
  MROUTE: 'ignored',
  STATS: 'ignored',
};

export const parseIpMonitorLine = (line: string): IpMonitorEvent => {
  if (typeof line !== 'string' || line.length === 0) return 'continuation';
  if (line[0] === ' ' || line[0] === '\t') return 'continuation';
  const m = /^\[([A-Z0-9_]+)\]/.exec(line);
  return (m && OBJECTS[m[1]]) || 'unknown';
};
