/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = 'http://localhost:8080';
const routerDist = (file: string) =>
  fileURLToPath(new URL(`./node_modules/react-router/dist/development/${file}`, import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/health': { target: api, changeOrigin: false },
      '/swagger': { target: api, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: true,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/testing/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'eslint/**/*.test.{js,ts}'],
    restoreMocks: true,
    unstubGlobals: true,
    // A guard against hung tests, not a speed check: page tests that type and click run several seconds when the
    // 2-core CI machine is also building and serving, and the 5 s default failed them there.
    testTimeout: 20_000,
    // Under Node, "react-router" would resolve to its CommonJS build while "react-router/dom"
    // loads the ESM one, giving two router contexts. Pin both to ESM, as in the browser bundle.
    alias: [
      { find: /^react-router$/, replacement: routerDist('index.mjs') },
      { find: /^react-router\/dom$/, replacement: routerDist('dom-export.mjs') },
    ],
  },
});
