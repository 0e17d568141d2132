import { historyTableSchema } from '@meshlens/model';
import { z } from 'zod';
import { MeshlensException } from '../common/meshlens.exception';
import type { FeedPosition } from './row-change.repository';

const cursorSchema = z.object({
  at: z.iso.datetime(),
  n: z.number().int().nonnegative(),
  t: historyTableSchema,
  k: z.string(),
});

/** Opaque to clients: base64url of the last change's feed position. */
export const encodeFeedCursor = (p: FeedPosition): string =>
  Buffer.from(
    JSON.stringify({
      at: p.at.toISOString(),
      n: p.nodeId,
      t: p.table,
      k: p.key,
    }),
  ).toString('base64url');

export function decodeFeedCursor(cursor: string): FeedPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success)
    throw MeshlensException.validation(
      [{ path: 'cursor', message: 'not a cursor returned by this API' }],
      'query',
    );
  const { at, n, t, k } = result.data;
  return { at: new Date(at), nodeId: n, table: t, key: k };
}
