/** Twelve hues that stay apart on light and dark panels; a node keeps its colour on every page. */
export const NODE_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#ff9da7',
  '#9c755f',
  '#8cd17d',
  '#86bcb6',
  '#d37295',
  '#a0cbe8',
] as const;

/** FNV-1a over the name: stable across renders and sessions, independent of the order nodes arrive in. */
export const nodeColour = (name: string | null): string => {
  if (!name) return '#8e95a1';
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i += 1) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return NODE_PALETTE[hash % NODE_PALETTE.length] ?? NODE_PALETTE[0];
};
