import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { defineConfig, type PluginOption } from 'vite';
import react from '@vitejs/plugin-react';
import electron from 'vite-plugin-electron/simple';

const root = fileURLToPath(new URL('.', import.meta.url));
const at = (p: string): string => resolve(root, p);

/**
 * One config for three builds:
 * - the renderer (root `renderer/`, output `dist/renderer`),
 * - the Electron main process and the sandboxed preload (`dist/electron`), built by
 *   vite-plugin-electron only on `vite build` (its dev mode would spawn Electron, whose runtime
 *   cannot be installed on every machine; `npm run dev` serves the renderer through the browser host),
 * - vitest's unit and integration projects.
 */
export default defineConfig(({ command }) => {
  const plugins: PluginOption[] = [react()];
  if (command === 'build' && !process.env.VITEST) {
    plugins.push(
      electron({
        main: {
          entry: at('electron/main.ts'),
          vite: {
            build: {
              outDir: at('dist/electron'),
              emptyOutDir: false,
              // CommonJS, so __dirname and native modules (keytar) work as Electron expects.
              lib: { entry: at('electron/main.ts'), formats: ['cjs'], fileName: () => 'main.cjs' },
              rollupOptions: { external: ['electron', 'keytar', 'ws', 'tsx'] },
            },
          },
        },
        preload: {
          input: at('electron/preload.ts'),
          vite: {
            build: {
              outDir: at('dist/electron'),
              emptyOutDir: false,
              rollupOptions: {
                external: ['electron'],
                // A sandboxed preload must be one CommonJS file.
                output: { format: 'cjs', entryFileNames: 'preload.cjs' },
              },
            },
          },
        },
      }),
    );
  }
  return {
    root: at('renderer'),
    base: './',
    plugins,
    build: {
      outDir: at('dist/renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 4096,
    },
    worker: { format: 'es' },
    test: {
      root,
      projects: [
        {
          extends: false,
          test: {
            name: 'unit',
            root,
            include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
            environment: 'node',
          },
        },
        {
          extends: false,
          test: {
            name: 'integration',
            root,
            include: ['tests/integration/**/*.test.ts'],
            environment: 'node',
            testTimeout: 30_000,
            hookTimeout: 30_000,
          },
        },
        {
          // One regression test per security finding, plus bounded fast-check fuzzing on loopback.
          extends: false,
          test: {
            name: 'security',
            root,
            include: ['tests/security/**/*.test.ts'],
            environment: 'node',
            testTimeout: 30_000,
            hookTimeout: 30_000,
          },
        },
      ],
    },
  };
});
