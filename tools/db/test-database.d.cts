export const TEST_ADMIN_URL_ENV: 'MESHLENS_TEST_ADMIN_DATABASE_URL';

export interface TestDatabase {
  /** meshlens_test_<random> */
  name: string;
  url: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

export function createTestDatabase(adminUrl?: string): Promise<TestDatabase>;
export function withDatabase(url: string, database: string): string;
