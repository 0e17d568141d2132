import type { BadgeTone } from '../badge';

export const operstateTone = (state: string): BadgeTone =>
  state === 'UP'
    ? 'good'
    : state === 'UNKNOWN'
      ? 'neutral'
      : state === 'DOWN' || state === 'LOWERLAYERDOWN'
        ? 'bad'
        : 'warn';

export const bgpStateTone = (bgpState: string): BadgeTone =>
  bgpState === 'Established' ? 'good' : bgpState === 'Down' ? 'neutral' : bgpState === 'Passive' ? 'info' : 'bad';

/** NUD states: PERMANENT/REACHABLE are fine, STALE/DELAY/PROBE are being checked, FAILED/INCOMPLETE are broken. */
export const neighborStateTone = (states: readonly string[]): BadgeTone => {
  if (states.some((s) => s === 'FAILED' || s === 'INCOMPLETE')) return 'bad';
  if (states.some((s) => s === 'STALE' || s === 'DELAY' || s === 'PROBE')) return 'warn';
  if (states.some((s) => s === 'REACHABLE' || s === 'PERMANENT' || s === 'NOARP')) return 'good';
  return 'neutral';
};

export const linkKindTone = (kind: string): BadgeTone =>
  kind === 'vxlan' || kind === 'ipip' || kind === 'tun' || kind === 'wireguard' || kind === 'gre'
    ? 'accent'
    : kind === 'bridge'
      ? 'info'
      : 'neutral';
