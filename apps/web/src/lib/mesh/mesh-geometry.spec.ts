import { distanceToSegment, fitToView, nearestWithin } from './mesh-geometry';

describe('mesh geometry', () => {
  it('should measure to the nearest end when the point lies past the segment', () => {
    expect(distanceToSegment({ x: 5, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(3);
    expect(distanceToSegment({ x: 13, y: 4 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(5);
    expect(distanceToSegment({ x: 3, y: 4 }, { x: 0, y: 0 }, { x: 0, y: 0 })).toBe(5);
  });

  it('should pick the closest item within tolerance and nothing beyond it', () => {
    expect(nearestWithin([9, 2, 4], (d) => d, 5)).toBe(1);
    expect(nearestWithin([9, 8], (d) => d, 5)).toBe(-1);
  });

  it('should fit the points inside the view with the margin when the layout is wider than tall', () => {
    const { scale, offsetX, offsetY } = fitToView(
      [
        { x: -400, y: -10 },
        { x: 400, y: 10 },
      ],
      420,
      300,
      10,
    );
    expect(scale).toBe(0.5);
    expect(-400 * scale + offsetX).toBe(10);
    expect(400 * scale + offsetX).toBe(410);
    expect(offsetY).toBe(150);
  });

  it('should not blow a small cluster up past 1.5 times its layout size', () => {
    expect(
      fitToView(
        [
          { x: -10, y: 0 },
          { x: 10, y: 0 },
        ],
        1000,
        600,
        10,
      ).scale,
    ).toBe(1.5);
  });
});
