'use client';
import type { Alert, AlertSilence } from '@meshlens/model';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ackAlert, expireSilence, silenceAlert, type ActionResult } from '../../app/alerts/actions';
import { SILENCE_DURATIONS } from '../../lib/alerts/alert-format';

/** Runs a server action, then re-reads the page; the API's refusal is shown beside the buttons. */
const useAction = () => {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | undefined>();
  const run = (action: () => Promise<ActionResult>) =>
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        setError(undefined);
        router.refresh();
      } else setError(result.message);
    });
  return { pending, error, run };
};

export const AlertActions = ({ alert }: { alert: Alert }) => {
  const { pending, error, run } = useAction();
  const [duration, setDuration] = useState<number>(SILENCE_DURATIONS[0].seconds);
  if (alert.state === 'resolved') return null;
  const label = `${alert.ruleName} on ${alert.node} ${alert.subject}`;
  return (
    <div className="row-actions">
      <button
        type="button"
        disabled={pending || alert.ackedAt !== null}
        aria-label={`Acknowledge ${label}`}
        onClick={() => run(() => ackAlert(alert.id))}
      >
        {alert.ackedAt ? 'acked' : 'Ack'}
      </button>
      {alert.silencedBy === null && (
        <>
          <select
            aria-label={`Silence duration for ${label}`}
            value={duration}
            onChange={(event) => setDuration(Number(event.target.value))}
          >
            {SILENCE_DURATIONS.map((d) => (
              <option key={d.seconds} value={d.seconds}>
                {d.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={pending}
            aria-label={`Silence ${label}`}
            onClick={() => run(() => silenceAlert(alert.id, duration, `from the dashboard: ${label}`))}
          >
            Silence
          </button>
        </>
      )}
      {error && (
        <span className="action-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
};

export const SilenceActions = ({ silence }: { silence: AlertSilence }) => {
  const { pending, error, run } = useAction();
  return (
    <div className="row-actions">
      <button
        type="button"
        disabled={pending}
        aria-label={`End silence ${silence.id}`}
        onClick={() => run(() => expireSilence(silence.id))}
      >
        End now
      </button>
      {error && (
        <span className="action-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
};
