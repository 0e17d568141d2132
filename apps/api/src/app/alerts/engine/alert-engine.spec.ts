import type { Finding } from '@meshlens/model';
import { ManualTimers } from '../testing/manual-timers';
import { droppedSession, establishedSession, fullReport, ruleOf, sessionDelta } from '../testing/alert-test-data';
import { AlertEngine } from './alert-engine';
import type { AlertChange } from './alert-engine.types';

const NODE = 'node-1';
const SESSION = establishedSession.name;

function setup(rules = [ruleOf('bgp-session-down'), ruleOf('bgp-session-flapping')]) {
  const timers = new ManualTimers();
  const changes: AlertChange[] = [];
  let n = 0;
  const engine = new AlertEngine({ clock: timers, timers, newId: () => `a${++n}`, onChange: (c) => changes.push(c) });
  engine.load({ rules, silences: [], alerts: [], sessions: [], lastSeen: [] });
  const notified = () => changes.filter((c) => c.notify).map((c) => `${c.notify} ${c.alert.ruleId} ${c.alert.node} ${c.alert.subject}`);
  return { engine, timers, changes, notified };
}

describe('AlertEngine', () => {
  it('should fire at once and notify once when an Established session leaves Established with for 0', () => {
    const { engine, notified, changes } = setup();
    engine.observeReport(fullReport(NODE, [establishedSession]));

    engine.observeReport(sessionDelta(NODE, 2, [droppedSession]));
    engine.observeReport(sessionDelta(NODE, 3, [{ ...droppedSession, info: 'Connect' }]));

    expect(notified()).toEqual([`firing bgp-session-down ${NODE} ${SESSION}`]);
    const firing = changes.find((c) => c.notify === 'firing');
    expect(firing?.alert).toMatchObject({ state: 'firing', flapCount: 0, labels: { node: NODE, session: SESSION, neighbor: '172.31.250.12' } });
    expect(firing?.alert.evidence).toEqual({ session: droppedSession, previous: establishedSession });
    expect(firing?.history.map((h) => h.type)).toEqual(['pending', 'firing']);
  });

  it('should resolve and notify once when the session is Established again', () => {
    const { engine, notified, changes } = setup();
    engine.observeReport(fullReport(NODE, [establishedSession]));
    engine.observeReport(sessionDelta(NODE, 2, [droppedSession]));

    engine.observeReport(sessionDelta(NODE, 3, [establishedSession]));

    expect(notified()).toEqual([`firing bgp-session-down ${NODE} ${SESSION}`, `resolved bgp-session-down ${NODE} ${SESSION}`]);
    expect(changes.at(-1)?.alert).toMatchObject({ state: 'resolved', resolvedAt: expect.any(String) });
  });

  it('should stay pending and fire when the session stays down for the rule`s for duration', () => {
    const { engine, timers, notified, changes } = setup([ruleOf('bgp-session-down', { forSeconds: 10 })]);
    engine.observeReport(fullReport(NODE, [establishedSession]));
    engine.observeReport(sessionDelta(NODE, 2, [droppedSession]));
    expect(changes.at(-1)?.alert.state).toBe('pending');

    timers.advance(9_999);
    expect(notified()).toEqual([]);
    timers.advance(1);

    expect(notified()).toEqual([`firing bgp-session-down ${NODE} ${SESSION}`]);
  });

  it('should resolve a pending alert without notifying anyone when the session returns before for is over', () => {
    const { engine, timers, notified, changes } = setup([ruleOf('bgp-session-down', { forSeconds: 10 })]);
    engine.observeReport(fullReport(NODE, [establishedSession]));
    engine.observeReport(sessionDelta(NODE, 2, [droppedSession]));
    timers.advance(5_000);
    engine.observeReport(sessionDelta(NODE, 3, [establishedSession]));
    timers.advance(60_000);

    expect(notified()).toEqual([]);
    expect(changes.map((c) => c.alert.state)).toEqual(['pending', 'resolved']);
  });

  it('should not alert when a session was never Established', () => {
    const { engine, changes } = setup();
    engine.observeReport(fullReport(NODE, [droppedSession]));
    engine.observeReport(sessionDelta(NODE, 2, [{ ...droppedSession, bgpState: 'Connect' }]));

    expect(changes).toEqual([]);
  });

  it('should reopen the same alert with a flap counted when the session drops again', () => {
    const { engine, changes } = setup([ruleOf('bgp-session-down')]);
    engine.observeReport(fullReport(NODE, [establishedSession]));
    engine.observeReport(sessionDelta(NODE, 2, [droppedSession]));
    engine.observeReport(sessionDelta(NODE, 3, [establishedSession]));
    engine.observeReport(sessionDelta(NODE, 4, [droppedSession]));

    const ids = new Set(changes.map((c) => c.alert.id));
    expect(ids.size).toBe(1);
    expect(changes.at(-1)?.alert).toMatchObject({ state: 'firing', flapCount: 1 });
    expect(changes.at(-1)?.history.map((h) => h.type)).toEqual(['flap', 'pending', 'firing']);
  });

  it('should send the flapping alert instead of every drop when transitions reach the threshold', () => {
    const { engine, timers, notified } = setup([ruleOf('bgp-session-down'), ruleOf('bgp-session-flapping', { params: { flapCount: 4, flapWindowSeconds: 60 } })]);
    engine.observeReport(fullReport(NODE, [establishedSession]));
    let seq = 1;
    for (let i = 0; i < 4; i++) {
      engine.observeReport(sessionDelta(NODE, ++seq, [droppedSession]));
      timers.advance(1_000);
      engine.observeReport(sessionDelta(NODE, ++seq, [establishedSession]));
      timers.advance(1_000);
    }
    expect(notified()).toEqual([
      `firing bgp-session-down ${NODE} ${SESSION}`,
      `resolved bgp-session-down ${NODE} ${SESSION}`,
      `firing bgp-session-down ${NODE} ${SESSION}`,
      `firing bgp-session-flapping ${NODE} ${SESSION}`,
    ]);

    timers.advance(61_000);

    expect(notified().slice(4)).toEqual([`resolved bgp-session-flapping ${NODE} ${SESSION}`, `resolved bgp-session-down ${NODE} ${SESSION}`]);
  });

  it('should hold notifications back while a silence matches and send what is owed when it expires', () => {
    const { engine, timers, notified, changes } = setup([ruleOf('bgp-session-down')]);
    const start = timers.now();
    engine.addSilence({
      id: 's1',
      matchers: { node: 'node-*', subject: 'Mesh_*' },
      comment: 'maintenance',
      createdBy: 'test',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 30_000).toISOString(),
    });
    engine.observeReport(fullReport(NODE, [establishedSession]));
    engine.observeReport(sessionDelta(NODE, 2, [droppedSession]));
    expect(notified()).toEqual([]);
    expect(changes.at(-1)?.alert.silencedBy).toBe('s1');

    timers.advance(30_000);

    expect(notified()).toEqual([`firing bgp-session-down ${NODE} ${SESSION}`]);
    expect(changes.at(-1)?.history.map((h) => h.type)).toEqual(['unsilenced']);
  });

  it('should fire agent-silent after the configured intervals without a report and resolve on the next report', () => {
    const { engine, timers, notified } = setup([ruleOf('agent-silent', { params: { silentIntervals: 3, intervalSeconds: 2 } })]);
    engine.observeReport(fullReport(NODE, []));
    timers.advance(5_000);
    engine.observeReport(sessionDelta(NODE, 2, []));
    timers.advance(5_999);
    expect(notified()).toEqual([]);

    timers.advance(1);
    expect(notified()).toEqual([`firing agent-silent ${NODE} agent`]);
    engine.observeReport(sessionDelta(NODE, 3, []));

    expect(notified()).toEqual([`firing agent-silent ${NODE} agent`, `resolved agent-silent ${NODE} agent`]);
  });

  it('should alert on a lease finding and resolve it when the checker no longer reports it', () => {
    const { engine, notified, changes } = setup([ruleOf('flannel-lease-expiry'), ruleOf('consistency-finding')]);
    const expired: Finding = {
      code: 'lease-expired',
      severity: 'critical',
      node: 'node-2',
      subject: 'lease:/coreos.com/network:10.244.2.0/24',
      message: 'lease 10.244.2.0/24 expired',
      evidence: [],
    };
    const mtu: Finding = { ...expired, code: 'mtu-exceeds-underlay', severity: 'warning', subject: 'node-2:flannel.1', message: 'MTU' };

    engine.observeFindings('datastore', [expired, mtu]);
    engine.observeFindings('datastore', [mtu]);

    expect(notified()).toEqual([
      `firing flannel-lease-expiry node-2 lease-expired:${expired.subject}`,
      `firing consistency-finding node-2 mtu-exceeds-underlay:node-2:flannel.1`,
      `resolved flannel-lease-expiry node-2 lease-expired:${expired.subject}`,
    ]);
    expect(changes[0].alert.evidence).toEqual(expired);
  });

  it('should ignore sessions outside the rule scope when the rule names nodes and sessions', () => {
    const { engine, notified } = setup([ruleOf('bgp-session-down', { scope: { nodes: ['node-2'], sessions: ['Mesh_*'] } })]);
    for (const node of ['node-1', 'node-2']) {
      engine.observeReport(fullReport(node, [establishedSession]));
      engine.observeReport(sessionDelta(node, 2, [droppedSession]));
    }

    expect(notified()).toEqual([`firing bgp-session-down node-2 ${SESSION}`]);
  });

  it('should resolve open alerts of a rule when the rule is disabled', () => {
    const { engine, notified } = setup([ruleOf('bgp-session-down')]);
    engine.observeReport(fullReport(NODE, [establishedSession]));
    engine.observeReport(sessionDelta(NODE, 2, [droppedSession]));

    engine.setRules([ruleOf('bgp-session-down', { enabled: false })]);

    expect(notified()).toEqual([`firing bgp-session-down ${NODE} ${SESSION}`, `resolved bgp-session-down ${NODE} ${SESSION}`]);
  });

  it('should record an acknowledgement without notifying when an alert is acked', () => {
    const { engine, changes } = setup([ruleOf('bgp-session-down')]);
    engine.observeReport(fullReport(NODE, [establishedSession]));
    engine.observeReport(sessionDelta(NODE, 2, [droppedSession]));

    const acked = engine.book.ack(changes[0].alert.id, 'oncall');

    expect(acked).toMatchObject({ ackedBy: 'oncall', ackedAt: expect.any(String), state: 'firing' });
    expect(changes.at(-1)).toMatchObject({ notify: null, history: [{ type: 'ack', detail: { by: 'oncall' } }] });
  });

  it('should not notify again after a restart when the firing alert was already notified', () => {
    const first = setup([ruleOf('bgp-session-down')]);
    first.engine.observeReport(fullReport(NODE, [establishedSession]));
    first.engine.observeReport(sessionDelta(NODE, 2, [droppedSession]));
    const saved = first.engine.alerts();
    const sessions = first.engine.sessionsView();

    const timers = new ManualTimers();
    const changes: AlertChange[] = [];
    const engine = new AlertEngine({ clock: timers, timers, newId: () => 'b1', onChange: (c) => changes.push(c) });
    engine.load({ rules: [ruleOf('bgp-session-down')], silences: [], alerts: saved, sessions, lastSeen: [] });
    engine.observeReport(sessionDelta(NODE, 3, [{ ...droppedSession, info: 'Connect' }]));
    engine.observeReport(sessionDelta(NODE, 4, [establishedSession]));

    expect(changes.map((c) => c.notify)).toEqual(['resolved']);
  });
});
