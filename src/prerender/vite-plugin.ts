/*
 * Prerenders the home screen into the built index.html. The client build starts an SSR build of
 * entry.tsx (same config, same plugins) into Vite's cache folder, imports it, and puts what it renders
 * inside the empty #root. Only `vite build` does this; the dev server serves the empty root and renders
 * in the browser as before.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin, type ResolvedConfig } from 'vite';

const ENTRY = 'src/prerender/entry.tsx';
const EMPTY_ROOT = '<div id="root"></div>';

async function renderHome(config: ResolvedConfig): Promise<string> {
  const outDir = join(config.cacheDir, 'prerender');
  const output = await build({
    configFile: config.configFile,
    root: config.root,
    mode: config.mode,
    // Warnings and errors, or less if the client build was asked for less (npm run package asks for errors).
    logLevel: config.logLevel === 'error' || config.logLevel === 'silent' ? config.logLevel : 'warn',
    build: {
      ssr: ENTRY,
      outDir,
      emptyOutDir: true,
      manifest: false,
      ssrManifest: false,
      copyPublicDir: false,
    },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) =>
    'output' in result ? result.output : [],
  );
  const entry = chunks.find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
  if (!entry) throw new Error(`prerender: the SSR build of ${ENTRY} produced no entry chunk`);
  const module = (await import(`${pathToFileURL(join(outDir, entry.fileName)).href}?t=${Date.now()}`)) as {
    render: () => string;
  };
  return module.render();
}

export function prerenderHome(): Plugin {
  let config: ResolvedConfig;
  let html: Promise<string>;
  return {
    name: 'control-room-trainer:prerender-home',
    // The SSR build below loads this config too; there the plugin stands aside.
    apply: (userConfig, { command }) => command === 'build' && !userConfig.build?.ssr,
    configResolved(resolved) {
      config = resolved;
    },
    buildStart() {
      html = renderHome(config);
      // Awaited in transformIndexHtml, which reports a failure; this only keeps Node from calling it
      // unhandled while the client build is still running.
      html.catch(() => undefined);
    },
    async transformIndexHtml(page) {
      if (!page.includes(EMPTY_ROOT)) throw new Error(`prerender: index.html has no ${EMPTY_ROOT}`);
      return page.replace(EMPTY_ROOT, `<div id="root">${await html}</div>`);
    },
  };
}
