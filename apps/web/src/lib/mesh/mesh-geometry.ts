export interface Point {
  x: number;
  y: number;
}

/** Distance from p to the segment a-b (not the infinite line): hovering past an edge's end must not pick it. */
export const distanceToSegment = (p: Point, a: Point, b: Point): number => {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSq));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
};

/** Index of the closest item within `tolerance`, or -1. */
export const nearestWithin = <T>(items: readonly T[], distance: (item: T) => number, tolerance: number): number => {
  let best = -1;
  let bestDistance = tolerance;
  items.forEach((item, index) => {
    const d = distance(item);
    if (d <= bestDistance) {
      best = index;
      bestDistance = d;
    }
  });
  return best;
};

/** Scale and offset that fit every point inside width x height with a margin, keeping the aspect ratio. */
export const fitToView = (
  points: readonly Point[],
  width: number,
  height: number,
  margin: number,
): { scale: number; offsetX: number; offsetY: number } => {
  if (points.length === 0) return { scale: 1, offsetX: width / 2, offsetY: height / 2 };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const spanX = Math.max(maxX - minX, 1);
  const spanY = Math.max(maxY - minY, 1);
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY, 1.5);
  return {
    scale,
    offsetX: width / 2 - ((minX + maxX) / 2) * scale,
    offsetY: height / 2 - ((minY + maxY) / 2) * scale,
  };
};
