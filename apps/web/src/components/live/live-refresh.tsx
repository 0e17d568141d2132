'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useAlertEvents } from './live-alerts';

/**
 * Re-renders the server page when an alert changes: the server reads the API again, so what the page draws (mesh
 * edges, alert tables, the overview's cards) stays the API's truth. Events of one drop come in a burst (each
 * affected session has its own alert): they are coalesced into one refresh.
 */
export const LiveRefresh = ({ delayMs = 150 }: { delayMs?: number }) => {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useAlertEvents(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      router.refresh();
    }, delayMs);
  });
  return null;
};
