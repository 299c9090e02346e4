/*
 * The home screen as HTML, rendered in Node at build time (see vite-plugin.ts) and written into
 * index.html, so the first paint does not wait for the bundle. It is the screen before anything has
 * loaded: no window and no storage, so the route is home (useRoute's server snapshot), past attempts and
 * courses are still loading, and the name field holds the default. src/main.tsx hydrates it with the
 * same element, so the two must stay alike. A saved name differs only in the field's value, which React
 * does not compare when hydrating: it puts the saved one in.
 */
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { App } from '../ui/app.tsx';

export function render(): string {
  return renderToString(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
