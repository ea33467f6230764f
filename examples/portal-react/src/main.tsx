// The React portal's page: who is signed in comes from the portal's backend (GET /portal/me, by its session cookie);
// the embedded Admin page gets its tokens from the same backend (POST /portal/session-token). No API key, no token
// in the markup: the tokens stay in the widgets' memory.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../portal-html/public/portal.css';
import { Portal } from './portal.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(<StrictMode><Portal /></StrictMode>);
