'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { fromLocalInput, parseAt, toLocalInput } from '../lib/at-param';

const STEPS = [
  { label: '−1 h', ms: 3_600_000 },
  { label: '−5 min', ms: 300_000 },
  { label: '−1 min', ms: 60_000 },
] as const;

/**
 * The global instant: empty means live. It lives only in the URL (?at=), so a past view can be shared and every
 * server page reads it from its own search params.
 */
export const TimeTravel = () => {
  const router = useRouter();
  const pathname = usePathname() ?? '/';
  const params = useSearchParams();
  const at = parseAt(params?.get('at') ?? undefined);
  // Filled after hydration: the server's time zone need not be the browser's.
  const [draft, setDraft] = useState('');
  useEffect(() => setDraft(at ? toLocalInput(at) : ''), [at]);

  const go = (next: string | undefined) => {
    const search = new URLSearchParams(params?.toString() ?? '');
    if (next) search.set('at', next);
    else search.delete('at');
    const qs = search.toString();
    router.push(`${pathname}${qs ? `?${qs}` : ''}`);
  };

  return (
    <form
      className={at ? 'time-travel past' : 'time-travel'}
      aria-label="Time travel"
      onSubmit={(event) => {
        event.preventDefault();
        go(draft ? fromLocalInput(draft) : undefined);
      }}
    >
      <span className={at ? 'badge badge-warn' : 'badge badge-good'} data-testid="time-mode">
        {at ? 'past' : 'live'}
      </span>
      {STEPS.map((step) => (
        <button
          key={step.label}
          type="button"
          onClick={() => go(new Date((at ? Date.parse(at) : Date.now()) - step.ms).toISOString())}
        >
          {step.label}
        </button>
      ))}
      <label className="sr-only" htmlFor="time-travel-at">
        Show the state at
      </label>
      <input
        id="time-travel-at"
        name="at"
        type="datetime-local"
        step={1}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
      />
      <button type="submit">Go</button>
      {at && (
        <button type="button" className="live" onClick={() => go(undefined)}>
          Back to live
        </button>
      )}
    </form>
  );
};
