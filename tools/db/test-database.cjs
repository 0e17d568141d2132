// One fresh database per test file on the server the jest global setup provides (DATABASE_URL's server, or an
// embedded Postgres), so test files never see each other's rows and can run in parallel.
const { randomBytes } = require('node:crypto');
const { Client } = require('pg');

/** Environment variable through which the jest global setup hands the maintenance connection to test workers. */
const TEST_ADMIN_URL_ENV = 'MESHLENS_TEST_ADMIN_DATABASE_URL';

function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(adminUrl, sql) {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * @param {string} [adminUrl] defaults to the URL the global setup exported
 * @returns {Promise<{ name: string, url: string, drop: () => Promise<void> }>}
 */
async function createTestDatabase(adminUrl = process.env[TEST_ADMIN_URL_ENV]) {
  if (!adminUrl) {
    throw new Error(`${TEST_ADMIN_URL_ENV} is not set: run the tests through jest (tools/db/jest-global-setup.mjs)`);
  }
  const name = `meshlens_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

module.exports = { createTestDatabase, withDatabase, TEST_ADMIN_URL_ENV };
