import Link from 'next/link';
import type { ReactNode } from 'react';
import type { BadgeTone } from '../badge';

/** One number an operator reads first, with what it is out of and where to look next. */
export const StatCard = ({
  label,
  value,
  detail,
  tone = 'neutral',
  href,
  testId,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  tone?: BadgeTone;
  href?: string;
  testId?: string;
}) => {
  const body = (
    <>
      <span className="stat-label">{label}</span>
      <span className="stat-value" data-testid={testId}>
        {value}
      </span>
      {detail && <span className="stat-detail">{detail}</span>}
    </>
  );
  return href ? (
    <Link className={`stat-card stat-${tone}`} href={href}>
      {body}
    </Link>
  ) : (
    <div className={`stat-card stat-${tone}`}>{body}</div>
  );
};
