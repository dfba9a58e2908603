import { render } from 'preact';
import './styles.css';
import { App } from './app';
import { restoreSession } from './session';

restoreSession().finally(() => render(<App />, document.getElementById('app')!));

// Installable, offline-first for the field (production builds only: the dev server reloads instead).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}
