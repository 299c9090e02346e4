/*
 * The browser entry. A production build has the home screen already rendered into #root
 * (src/prerender/): on the home route React adopts that markup (hydrateRoot), so the first paint does
 * not wait for the bundle. On any other route the markup is not this screen: it is dropped and the app
 * renders afresh, as it does under the dev server, whose #root is empty.
 */
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './ui/app.tsx';
import { parseRoute } from './ui/routes.ts';
import './ui/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const app = (
  <StrictMode>
    <App />
  </StrictMode>
);
if (root.hasChildNodes() && parseRoute(window.location.hash).screen === 'home') {
  hydrateRoot(root, app);
} else {
  root.replaceChildren();
  createRoot(root).render(app);
}
// index.html hid the prerendered home from a page opened at another address; it is the app's now.
document.documentElement.classList.remove('not-home');
