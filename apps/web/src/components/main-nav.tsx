'use client';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { parseAt, withAt } from '../lib/at-param';

const PAGES = [
  { href: '/', label: 'Overview', match: (p: string) => p === '/' || p.startsWith('/nodes') },
  { href: '/mesh', label: 'Peer mesh', match: (p: string) => p.startsWith('/mesh') },
  { href: '/path', label: 'Path', match: (p: string) => p.startsWith('/path') },
  { href: '/subnets', label: 'Subnets', match: (p: string) => p.startsWith('/subnets') },
  { href: '/alerts', label: 'Alerts', match: (p: string) => p.startsWith('/alerts') },
] as const;

/** Links keep ?at=: a time-travelling operator stays at the same instant while moving between pages. */
export const MainNav = () => {
  const pathname = usePathname() ?? '/';
  const at = parseAt(useSearchParams()?.get('at') ?? undefined);
  return (
    <nav aria-label="Main">
      {PAGES.map((page) => {
        const active = page.match(pathname);
        return (
          <Link
            key={page.href}
            href={withAt(page.href, at)}
            className={active ? 'active' : undefined}
            aria-current={active ? 'page' : undefined}
          >
            {page.label}
          </Link>
        );
      })}
    </nav>
  );
};
