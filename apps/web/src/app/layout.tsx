import type { Metadata } from 'next';
import Link from 'next/link';
import Script from 'next/script';
import { Suspense, type ReactNode } from 'react';
import { liveEventsEnabled } from '../lib/api/api-base-url';
import { LiveAlertsProvider, LiveIndicator } from '../components/live/live-alerts';
import { MainNav } from '../components/main-nav';
import { THEME_INIT_SCRIPT, ThemeToggle } from '../components/theme-toggle';
import { TimeTravel } from '../components/time-travel';
import './global.css';

export const metadata: Metadata = {
  title: { default: 'meshlens', template: '%s · meshlens' },
  description: 'Network observability for Flannel and Calico clusters',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script sets data-theme before hydration: React must not complain about it.
    <html lang="en" suppressHydrationWarning>
      <body>
        <Script id="theme-init" strategy="beforeInteractive">
          {THEME_INIT_SCRIPT}
        </Script>
        {/* Alert events reach every page: a toast when one fires, live refreshes where a page listens. */}
        <LiveAlertsProvider enabled={liveEventsEnabled()}>
          <header className="topbar">
            <Link href="/" className="brand">
              <span className="brand-mark" aria-hidden="true">
                ◈
              </span>{' '}
              meshlens
            </Link>
            <Suspense fallback={<nav aria-label="Main" />}>
              <MainNav />
              <TimeTravel />
            </Suspense>
            <LiveIndicator />
            <ThemeToggle />
          </header>
          <main className="content">{children}</main>
        </LiveAlertsProvider>
      </body>
    </html>
  );
}
