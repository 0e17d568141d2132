'use client';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { formatRelativeTime, isStale } from '../lib/relative-time';

const NowContext = createContext<number>(0);

/**
 * The server's clock at render time, then the browser's, ticking. Starting from the server's value keeps the
 * hydrated text identical to the HTML (a relative time computed twice would differ and break hydration).
 */
export const NowProvider = ({ serverNow, children }: { serverNow: number; children: ReactNode }) => {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <NowContext.Provider value={now}>{children}</NowContext.Provider>;
};

export const LastSeen = ({ iso }: { iso: string }) => {
  const now = useContext(NowContext);
  const stale = isStale(iso, now);
  return (
    <span className="last-seen">
      <time dateTime={iso} title={iso}>
        {formatRelativeTime(iso, now)}
      </time>
      {stale && (
        <span className="badge badge-warn" title="no report for more than 30 s">
          stale
        </span>
      )}
    </span>
  );
};
