import type { Alert, AlertSilence } from '@meshlens/model';
import { alertSince, firedFor, formatInstant, matcherText, SEVERITY_RANK } from '../../lib/alerts/alert-format';
import { AlertActions, SilenceActions } from '../alerts/alert-actions';
import { Badge } from '../badge';
import { NodeLink } from '../node-link';
import { joinDefined, type Column } from './column';

const severityTone = (alert: Alert) =>
  alert.state === 'resolved'
    ? 'good'
    : alert.severity === 'critical'
      ? 'bad'
      : alert.severity === 'warning'
        ? 'warn'
        : 'info';

const statusText = (a: Alert): string =>
  joinDefined([a.ackedAt && `acked by ${a.ackedBy ?? '?'}`, a.silencedBy && 'silenced'], ' · ');

/** Firing, pending and resolved alerts; the actions column only while an alert is open. */
export const alertColumns = (rows: readonly Alert[]): Column<Alert>[] => {
  const open = rows.some((a) => a.state !== 'resolved');
  const resolved = rows.some((a) => a.state === 'resolved');
  return [
    {
      id: 'severity',
      label: 'Severity',
      sortType: 'number',
      text: (a) => a.severity,
      sortValue: (a) => SEVERITY_RANK[a.severity],
      render: (a) => <Badge tone={severityTone(a)}>{a.severity}</Badge>,
    },
    { id: 'rule', label: 'Rule', sortType: 'text', text: (a) => a.ruleName },
    {
      id: 'node',
      label: 'Node',
      sortType: 'text',
      text: (a) => a.node,
      render: (a) => <NodeLink name={a.node} query={a.kind.startsWith('bgp-') ? 'tab=bgp' : undefined} />,
    },
    {
      id: 'subject',
      label: 'Subject',
      sortType: 'text',
      mono: true,
      text: (a) => a.subject,
    },
    {
      id: 'since',
      label: resolved && !open ? 'Resolved' : 'Since',
      title: 'when it fired (pending: since the condition began); resolved alerts: when they cleared',
      sortType: 'text',
      mono: true,
      text: (a) => formatInstant(alertSince(a)),
    },
    ...(resolved
      ? [
          {
            id: 'duration',
            label: 'Fired for',
            sortType: 'text' as const,
            text: (a: Alert) => firedFor(a),
          },
        ]
      : []),
    {
      id: 'flaps',
      label: 'Flaps',
      title: 'times the condition cleared and came back while the alert was open',
      sortType: 'number',
      numeric: true,
      text: (a) => String(a.flapCount),
    },
    { id: 'status', label: 'Status', sortType: 'text', text: statusText },
    ...(open
      ? [
          {
            id: 'actions',
            label: 'Actions',
            sortType: 'text' as const,
            text: () => '',
            render: (a: Alert) => <AlertActions alert={a} />,
          },
        ]
      : []),
  ];
};

export const silenceColumns = (): Column<AlertSilence>[] => [
  {
    id: 'matchers',
    label: 'Matches',
    sortType: 'text',
    mono: true,
    text: matcherText,
  },
  { id: 'comment', label: 'Comment', sortType: 'text', text: (s) => s.comment },
  { id: 'createdBy', label: 'By', sortType: 'text', text: (s) => s.createdBy },
  {
    id: 'startsAt',
    label: 'From',
    sortType: 'text',
    mono: true,
    text: (s) => formatInstant(s.startsAt),
  },
  {
    id: 'endsAt',
    label: 'Until',
    sortType: 'text',
    mono: true,
    text: (s) => formatInstant(s.endsAt),
  },
  {
    id: 'actions',
    label: 'Actions',
    sortType: 'text',
    text: () => '',
    render: (s) => <SilenceActions silence={s} />,
  },
];
