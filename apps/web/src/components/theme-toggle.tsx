'use client';
import { useEffect, useState } from 'react';

type Theme = 'light' | 'dark';
export const THEME_STORAGE_KEY = 'meshlens-theme';

const effectiveTheme = (): Theme => {
  const forced = document.documentElement.dataset['theme'];
  if (forced === 'light' || forced === 'dark') return forced;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
};

/** Follows prefers-color-scheme until the operator picks a theme; the choice is kept in localStorage. */
export const ThemeToggle = () => {
  const [theme, setTheme] = useState<Theme | undefined>(undefined);
  useEffect(() => setTheme(effectiveTheme()), []);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="theme-toggle"
      aria-label="Toggle colour theme"
      title={theme ? `Switch to ${next} theme` : 'Toggle colour theme'}
      onClick={() => {
        document.documentElement.dataset['theme'] = next;
        try {
          localStorage.setItem(THEME_STORAGE_KEY, next);
        } catch {
          // Storage can be disabled; the toggle still works for this page.
        }
        setTheme(next);
      }}
    >
      <span aria-hidden="true">{theme === 'dark' ? '☀' : theme === 'light' ? '☾' : '◐'}</span>
    </button>
  );
};

/** Runs before paint so a stored choice does not flash the other theme. */
export const THEME_INIT_SCRIPT = `try{var t=localStorage.getItem('${THEME_STORAGE_KEY}');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;
