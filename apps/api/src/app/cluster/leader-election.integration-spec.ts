import { Client } from 'pg';
// eslint-disable-next-line @nx/enforce-module-boundaries -- checked against (or run with) the real API code and shared test helpers
import { createTestDatabase, type TestDatabase } from '../../../../../tools/db/test-database.cjs';
import { LeaderElection } from './leader-election';

const LOCK_ID = 4242;
const CHECK_MS = 100;

interface Candidate {
  election: LeaderElection;
  changes: boolean[];
}

const until = async (what: string, probe: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('LeaderElection on a real Postgres', () => {
  let db: TestDatabase;
  const candidates: Candidate[] = [];

  const candidate = async (): Promise<Candidate> => {
    const changes: boolean[] = [];
    const election = new LeaderElection({ url: db.url, lockId: LOCK_ID, checkMs: CHECK_MS, onChange: (l) => changes.push(l), log: () => undefined });
    const c = { election, changes };
    candidates.push(c);
    await new Promise<void>((res) => election.start(res));
    return c;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterEach(async () => {
    await Promise.all(candidates.splice(0).map((c) => c.election.stop()));
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('should make exactly one of two candidates the leader when both start', async () => {
    const [a, b] = [await candidate(), await candidate()];
    await new Promise((r) => setTimeout(r, CHECK_MS * 3));

    expect([a.election.isLeader, b.election.isLeader].filter(Boolean)).toHaveLength(1);
    expect(a.changes).toEqual([true]);
    expect(b.changes).toEqual([]);
  });

  it('should hand leadership over when the leader stops', async () => {
    const [a, b] = [await candidate(), await candidate()];

    await a.election.stop();

    await until('b to lead', () => b.election.isLeader);
    expect(a.changes).toEqual([true, false]);
    expect(b.changes).toEqual([true]);
  });

  it('should step down when its session is killed, and the other candidate should take over', async () => {
    const [a, b] = [await candidate(), await candidate()];
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    try {
      // What Postgres does to a leader whose connection is cut: the session ends and the lock with it.
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted`, [LOCK_ID]);
    } finally {
      await admin.end();
    }

    await until('a to step down', () => !a.election.isLeader);
    await until('someone to lead again', () => a.election.isLeader || b.election.isLeader);
    expect(a.changes.slice(0, 2)).toEqual([true, false]);
    expect([a.election.isLeader, b.election.isLeader].filter(Boolean)).toHaveLength(1);
  });
});
