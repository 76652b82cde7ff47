import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { registerServiceWorker } from './app/registerServiceWorker';
import { bindSettingsToUrl } from './state/settingsStore';

// Settings come from the link first, so the first render already shows what it asks for.
bindSettingsToUrl();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Offline after the first visit (production builds only; see vite.config.ts).
registerServiceWorker();
