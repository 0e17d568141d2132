import { isDataException, sqlStateOf } from './sql-state';

describe('sqlStateOf', () => {
  it('should find the SQLSTATE under a Prisma error, not Prisma\'s own code, when a driver adapter nests it', () => {
    const error = Object.assign(new Error('Database error'), { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'postgres', code: '22008' } } } });

    expect(sqlStateOf(error)).toBe('22008');
  });

  it("should read it from Prisma's message when no property holds it", () => {
    expect(sqlStateOf(new Error('Raw query failed. Code: `22P02`. Message: `invalid input`'))).toBe('22P02');
  });

  it('should keep PL/pgSQL codes and find nothing in an unrelated error', () => {
    expect(sqlStateOf({ code: 'P0001' })).toBe('P0001');
    expect(sqlStateOf(new Error('ECONNREFUSED'))).toBeUndefined();
  });

  it('should count only class 22 as the client\'s data', () => {
    expect([isDataException('22008'), isDataException('23505'), isDataException(undefined)]).toEqual([true, false, false]);
  });
});
