/*
 * The browser entry. A production build has the home screen already rendered into #root
 * (src/prerender/): on the home route React adopts that markup (hydrateRoot), so the first paint does
 * not wait for the bundle. On any other route the markup is not this screen: it is dropped and the app
 * renders afresh, as it does under the dev server, whose #root is empty.
 *
 * An LMS package (npm run package) carries its course in index.html: the LMS session is opened before
 * the first render (src/ui/lms/start-lms.ts), and the course's own home replaces the prerendered one.
 * Outside a package, a production build registers its offline worker (src/offline/); a package has none.
 */
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { COURSE_ELEMENT_ID } from './lms/lms.ts';
import { App } from './ui/app.tsx';
import { registerOfflineWorker } from './ui/offline/connection.ts';
import { parseRoute } from './ui/routes.ts';
import './ui/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const courseElement = document.getElementById(COURSE_ELEMENT_ID);

function render(): void {
  if (!root) return;
  const app = (
    <StrictMode>
      <App />
    </StrictMode>
  );
  if (!courseElement && root.hasChildNodes() && parseRoute(window.location.hash).screen === 'home') {
    hydrateRoot(root, app);
  } else {
    root.replaceChildren();
    createRoot(root).render(app);
  }
  // index.html hid the prerendered home from a page opened at another address; it is the app's now.
  document.documentElement.classList.remove('not-home');
}

if (courseElement) {
  import('./ui/lms/start-lms.ts')
    .then(({ startLms }) => startLms(courseElement.textContent))
    .then(render, (error: unknown) => {
      // A package whose course cannot be read is a broken build: say so, and play nothing half-set-up.
      const message = document.createElement('p');
      message.setAttribute('role', 'alert');
      message.textContent = error instanceof Error ? error.message : String(error);
      root.replaceChildren(message);
      document.documentElement.classList.remove('not-home');
    });
} else {
  render();
  if (import.meta.env.PROD) registerOfflineWorker();
}
