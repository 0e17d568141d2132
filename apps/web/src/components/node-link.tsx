'use client';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { parseAt, withAt } from '../lib/at-param';

/** Link to a node's page that keeps the instant being looked at. */
export const NodeLink = ({
  name,
  query,
  className = 'node-link',
}: {
  name: string;
  query?: string;
  className?: string;
}) => {
  const at = parseAt(useSearchParams()?.get('at') ?? undefined);
  const href = `/nodes/${encodeURIComponent(name)}${query ? `?${query}` : ''}`;
  return (
    <Link className={className} href={withAt(href, at)}>
      {name}
    </Link>
  );
};
