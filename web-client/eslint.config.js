import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import boundaries from './eslint/feature-boundaries.js';

export default defineConfig([
  globalIgnores(['dist', 'coverage', 'test-results', 'playwright-report', 'src/api/schema.d.ts']),
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended, reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { mediacoop: boundaries },
    rules: { 'mediacoop/feature-boundaries': 'error' },
  },
  {
    files: ['eslint/**/*.js', '*.config.{js,ts}', 'scripts/**/*.mjs', 'e2e/**/*.ts'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
]);
