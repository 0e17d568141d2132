/** Prints a suite's figures as one JSON object on its own line (keys name the figure and its unit). */
export function reportFigures(suite: string, figures: Record<string, number | string | boolean | null>): void {
  process.stdout.write(`${JSON.stringify({ suite, ...figures })}\n`);
}

export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

export const round = (x: number, digits = 2): number => Number(x.toFixed(digits));
