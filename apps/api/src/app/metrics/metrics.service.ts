import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ALERT_STATES, BGP_STATES } from '@meshlens/model';
import { AlertDeliveryRepository } from '../alerts/alert-delivery.repository';
import { AlertDeliveryWorker } from '../alerts/alert-delivery.worker';
import { AlertsService } from '../alerts/alerts.service';
import type { MetricFamily } from './prometheus-exposition';

/** Collects what /metrics exposes: BGP sessions as last reported, alerts, webhook deliveries, the process. */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });

  constructor(
    private readonly alerts: AlertsService,
    private readonly outbox: AlertDeliveryRepository,
    private readonly worker: AlertDeliveryWorker,
  ) {
    this.loop.enable();
  }

  onModuleDestroy(): void {
    this.loop.disable();
  }

  async collect(): Promise<MetricFamily[]> {
    const { owner, sessions, alerts: open, lastSeen } = await this.alerts.metricsView();
    const now = Date.now();
    const outbox = await this.outbox.countByReceiverAndStatus();
    const receiverNames = new Map((await this.outbox.findReceivers()).map((r) => [r.id, r.name]));
    const memory = process.memoryUsage();
    return [
      {
        name: 'meshlens_bgp_session_up',
        help: 'BGP session Established (1) or not (0), per node and BIRD protocol, as last reported',
        type: 'gauge',
        samples: sessions.map((s) => ({ labels: { node: s.node, session: s.name }, value: s.bgpState === 'Established' ? 1 : 0 })),
      },
      {
        name: 'meshlens_bgp_session_state',
        help: 'BGP FSM state of each session (1 for the current state)',
        type: 'gauge',
        samples: sessions.flatMap((s) =>
          [...new Set<string>([...BGP_STATES, s.bgpState])].map((state) => ({ labels: { node: s.node, session: s.name, state }, value: s.bgpState === state ? 1 : 0 })),
        ),
      },
      {
        name: 'meshlens_node_last_report_age_seconds',
        help: 'Seconds since the last report of each node (counted from API start for reports before it)',
        type: 'gauge',
        samples: lastSeen.map(({ node, at }) => ({ labels: { node }, value: Math.max(0, (now - at) / 1000) })),
      },
      {
        name: 'meshlens_alerts',
        help: 'Alerts per rule and state',
        type: 'gauge',
        samples: countAlerts(open),
      },
      {
        name: 'meshlens_alert_deliveries',
        help: 'Webhook deliveries in the outbox per receiver and status (pending, delivered)',
        type: 'gauge',
        samples: outbox.map((o) => ({ labels: { receiver: o.receiver, status: o.status }, value: o.count })),
      },
      {
        name: 'meshlens_alert_webhook_attempts_total',
        help: 'Webhook POSTs by this process per receiver and result',
        type: 'counter',
        samples: [...this.worker.stats].flatMap(([id, s]) => [
          { labels: { receiver: receiverNames.get(id) ?? id, result: 'delivered' }, value: s.delivered },
          { labels: { receiver: receiverNames.get(id) ?? id, result: 'failed' }, value: s.failedAttempts },
        ]),
      },
      {
        name: 'meshlens_alert_changes_queued',
        help: 'Alert changes waiting to be stored',
        type: 'gauge',
        samples: [{ value: this.alerts.queueLength() }],
      },
      { name: 'meshlens_up', help: 'The API is up', type: 'gauge', samples: [{ value: 1 }] },
      {
        name: 'meshlens_alerting_owner',
        help: 'This replica runs the alert engine (1) or shows what the owner stored (0)',
        type: 'gauge',
        samples: [{ value: owner ? 1 : 0 }],
      },
      { name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes', type: 'gauge', samples: [{ value: memory.rss }] },
      { name: 'nodejs_heap_used_bytes', help: 'V8 heap used in bytes', type: 'gauge', samples: [{ value: memory.heapUsed }] },
      { name: 'process_uptime_seconds', help: 'Seconds since the process started', type: 'gauge', samples: [{ value: process.uptime() }] },
      {
        name: 'nodejs_eventloop_delay_p99_seconds',
        help: '99th percentile of event loop delay since start',
        type: 'gauge',
        samples: [{ value: this.loop.percentile(99) / 1e9 }],
      },
    ];
  }
}

function countAlerts(alerts: Array<{ ruleId: string; state: string }>): MetricFamily['samples'] {
  const counts = new Map<string, number>();
  for (const a of alerts) counts.set(`${a.ruleId}\u0000${a.state}`, (counts.get(`${a.ruleId}\u0000${a.state}`) ?? 0) + 1);
  const rules = new Set(alerts.map((a) => a.ruleId));
  return [...rules].flatMap((rule) => ALERT_STATES.map((state) => ({ labels: { rule, state }, value: counts.get(`${rule}\u0000${state}`) ?? 0 })));
}
