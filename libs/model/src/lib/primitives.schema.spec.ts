import { isoTimeSchema } from './primitives.schema';

describe('isoTimeSchema', () => {
  it.each(['2026-11-24T15:17:28.000Z', '2024-02-29T00:00:00Z', '0001-01-01T00:00:00.000Z', '2026-11-24T15:17:28+01:00'])(
    'should accept %s when the day exists',
    (value) => {
      expect(isoTimeSchema.safeParse(value).success).toBe(true);
    },
  );

  it.each(['0000-01-01T00:00:00.000Z', '2026-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', 'yesterday'])(
    'should refuse %s when no such instant exists',
    (value) => {
      expect(isoTimeSchema.safeParse(value).success).toBe(false);
    },
  );
});
