import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureCredentials } from './api/index.js';
import { App } from './app/App.js';
import './app/theme.css';

// Before the first render: a link's `#token=…` becomes the session's credential and leaves the URL.
captureCredentials();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
