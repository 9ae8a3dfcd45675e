import '@fontsource-variable/inter/wght.css';
import '@/styles/tokens.css';
import '@/styles/base.css';
import '@/styles/components.css';
import './portal.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
