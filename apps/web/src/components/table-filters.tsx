import Link from 'next/link';
import { withAt } from '../lib/at-param';
import { nodePageHref, type NodePageState } from '../lib/node-page-state';
import { NODE_TAB_SPECS } from '../lib/node-tabs';

const PLACEHOLDERS: Record<string, string> = {
  dev: 'eth0',
  table: 'main',
  prefix: '10.244.0.0/16',
  protocol: 'bird',
};

/** API-side filters as a plain GET form: works without JavaScript and yields a shareable URL. */
/** `at` (time travel) rides along as a hidden field so that filtering a past view stays in the past. */
export const TableFilters = ({ nodeName, state, at }: { nodeName: string; state: NodePageState; at?: string }) => {
  const spec = NODE_TAB_SPECS[state.tab];
  if (spec.filters.length === 0) return null;
  const active = Object.values(state.filters).some(Boolean);
  return (
    <form className="filters" method="get" action={`/nodes/${encodeURIComponent(nodeName)}`} aria-label="API filters">
      <input type="hidden" name="tab" value={state.tab} />
      {spec.filters.map((key) =>
        key === 'family' ? (
          <label key={key}>
            <span>family</span>
            <select name="family" defaultValue={state.filters.family ?? ''}>
              <option value="">any</option>
              <option value="inet">inet</option>
              <option value="inet6">inet6</option>
            </select>
          </label>
        ) : (
          <label key={key}>
            <span>{key}</span>
            <input
              name={key}
              defaultValue={state.filters[key] ?? ''}
              placeholder={PLACEHOLDERS[key]}
              className="mono"
              size={key === 'prefix' ? 16 : 9}
              autoComplete="off"
              spellCheck={false}
            />
          </label>
        ),
      )}
      {state.q && <input type="hidden" name="q" value={state.q} />}
      {at && <input type="hidden" name="at" value={at} />}
      <button type="submit">Filter</button>
      {active && (
        <Link className="clear" href={withAt(nodePageHref(nodeName, { tab: state.tab }), at)}>
          Clear
        </Link>
      )}
    </form>
  );
};
