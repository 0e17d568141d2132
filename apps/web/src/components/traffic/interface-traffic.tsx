'use client';
import { counterRatesSchema, type CounterRates } from '@meshlens/model';
import { useEffect, useMemo, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import {
  chartPoints,
  formatRate,
  pickInterface,
  summariseInterfaces,
  TRAFFIC_METRICS,
  type TrafficMetric,
} from '../../lib/traffic/traffic-series';

/** Ten minutes at a 10 s step: 60 points per interface, re-read every poll. */
const WINDOW_MS = 10 * 60_000;
const STEP_S = 10;
const RX = '#4e79a7';
const TX = '#e8772e';

const clock = (t: number) => new Date(t).toISOString().slice(11, 19);

/** Keeps the chosen interface in the address bar (?if=) without a server round trip, so the view can be shared. */
const rememberInterface = (ifname: string) => {
  const url = new URL(window.location.href);
  url.searchParams.set('if', ifname);
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url);
};

const TrafficChart = ({ rates, ifname, metric }: { rates: CounterRates; ifname: string; metric: TrafficMetric }) => {
  const points = useMemo(
    () => chartPoints(rates.series.find((s) => s.ifname === ifname)?.points ?? [], metric),
    [rates, ifname, metric],
  );
  const known = points.filter((p) => p.rx !== null).length;
  // A point between two gaps draws no line: mark the points while there are few of them.
  const dot = known < 10 ? { r: 2 } : false;
  return (
    <figure className="traffic-chart" data-testid="traffic-chart" data-metric={metric.id} data-points={known}>
      <figcaption>
        {metric.label} <span className="muted mono">{ifname}</span>
      </figcaption>
      <ResponsiveContainer width="100%" height={170} initialDimension={{ width: 320, height: 170 }}>
        <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={[Date.parse(rates.from), Date.parse(rates.to)]}
            tickFormatter={clock}
            minTickGap={40}
          />
          <YAxis width={72} tickFormatter={(v: number) => formatRate(v, metric.unit)} />
          <Tooltip
            labelFormatter={(t) => clock(Number(t))}
            formatter={(v) => formatRate(typeof v === 'number' ? v : null, metric.unit)}
          />
          <Legend />
          <Line name="rx" dataKey="rx" stroke={RX} dot={dot} isAnimationActive={false} strokeWidth={1.5} />
          <Line name="tx" dataKey="tx" stroke={TX} dot={dot} isAnimationActive={false} strokeWidth={1.5} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
};

/**
 * Live rates of every interface of a node from the API's counter history (bits, packets, errors, drops per second),
 * re-read every `pollMs` while the tab is visible. In the past (?at=), the ten minutes before that instant, fixed.
 */
export const InterfaceTraffic = ({
  node,
  at,
  initialInterface,
  pollMs = 5_000,
}: {
  node: string;
  at?: string;
  initialInterface?: string;
  pollMs?: number;
}) => {
  const [rates, setRates] = useState<CounterRates | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [wanted, setWanted] = useState(initialInterface);

  useEffect(() => {
    let cancelled = false;
    const read = async () => {
      const to = at ? Date.parse(at) : Date.now();
      const search = new URLSearchParams({
        from: new Date(to - WINDOW_MS).toISOString(),
        to: new Date(to).toISOString(),
        step: String(STEP_S),
      });
      try {
        const response = await fetch(`/api/v1/nodes/${encodeURIComponent(node)}/counters?${search.toString()}`);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const parsed = counterRatesSchema.safeParse(await response.json());
        if (!parsed.success) throw new Error('rates not understood');
        if (!cancelled) {
          setRates(parsed.data);
          setFailure(undefined);
        }
      } catch (error) {
        if (!cancelled) setFailure((error as Error).message);
      }
    };
    void read();
    if (at) return () => void (cancelled = true);
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void read();
    }, pollMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [node, at, pollMs]);

  const interfaces = useMemo(() => (rates ? summariseInterfaces(rates) : []), [rates]);
  const chosen = pickInterface(interfaces, wanted);

  return (
    <section className="section traffic" aria-label="Interface traffic" data-testid="interface-traffic">
      <h2>
        Interface traffic{' '}
        <span className="muted traffic-note">
          {at ? `10 min before ${at}` : `last 10 min · ${STEP_S} s steps · live`}
        </span>
      </h2>
      {failure && <p className="muted">traffic unavailable: {failure}</p>}
      {!rates && !failure && <p className="muted">loading traffic…</p>}
      {rates && interfaces.length === 0 && <p className="muted">No counters reported in this window.</p>}
      {rates && chosen && (
        <div className="traffic-body">
          <div className="table-scroll traffic-ifaces">
            <table>
              <caption className="sr-only">Latest rates per interface; choose one to chart it</caption>
              <thead>
                <tr>
                  <th>Interface</th>
                  <th className="num">rx</th>
                  <th className="num">tx</th>
                  <th className="num">errors</th>
                  <th className="num">drops</th>
                </tr>
              </thead>
              <tbody>
                {interfaces.map((i) => {
                  const p = i.latest;
                  const errors = p ? (p.rxErrorsPerSecond ?? 0) + (p.txErrorsPerSecond ?? 0) : null;
                  const drops = p ? (p.rxDropsPerSecond ?? 0) + (p.txDropsPerSecond ?? 0) : null;
                  return (
                    <tr
                      key={i.ifname}
                      className={i.ifname === chosen ? 'selected' : undefined}
                      data-testid="traffic-iface"
                    >
                      <td className="mono">
                        <button
                          type="button"
                          className="link-button"
                          aria-pressed={i.ifname === chosen}
                          onClick={() => {
                            setWanted(i.ifname);
                            rememberInterface(i.ifname);
                          }}
                        >
                          {i.ifname}
                        </button>
                      </td>
                      <td className="num">{formatRate(p?.rxBitsPerSecond, 'b/s')}</td>
                      <td className="num">{formatRate(p?.txBitsPerSecond, 'b/s')}</td>
                      <td className={errors ? 'num bad' : 'num'}>{formatRate(errors, '/s')}</td>
                      <td className={drops ? 'num warn' : 'num'}>{formatRate(drops, '/s')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="traffic-charts">
            {TRAFFIC_METRICS.map((metric) => (
              <TrafficChart key={metric.id} rates={rates} ifname={chosen} metric={metric} />
            ))}
          </div>
        </div>
      )}
    </section>
  );
};
