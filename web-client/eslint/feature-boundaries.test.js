// @vitest-environment node
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import reactHooks from 'eslint-plugin-react-hooks';
import boundaries from './feature-boundaries.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function lint(relativeFile, code) {
  const linter = new Linter({ cwd: root });
  return linter.verify(
    code,
    {
      files: ['**/*.{ts,tsx}'],
      plugins: { mediacoop: boundaries },
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
      rules: { 'mediacoop/feature-boundaries': 'error' },
    },
    { filename: path.join(root, relativeFile) },
  );
}

describe('feature-boundaries lint rule', () => {
  it('rejects a feature importing another feature through the alias', () => {
    const messages = lint('src/features/auth/components/x.ts', "import { AccountPage } from '@/features/account/routes/account-page';");
    expect(messages).toHaveLength(1);
    expect(messages[0]?.message).toMatch(/Feature "auth" must not import from feature "account"/);
  });

  it('rejects a feature importing another feature through a relative path', () => {
    const messages = lint('src/features/account/routes/x.ts', "import { login } from '../../auth/api/login';");
    expect(messages.map((m) => m.message)).toEqual([expect.stringMatching(/feature "auth"/)]);
  });

  it('rejects dynamic imports across features too', () => {
    expect(lint('src/features/home/routes/x.ts', "const m = import('@/features/auth/routes/sign-in-page');")).toHaveLength(1);
  });

  it('rejects shared code importing a feature, and anything but app importing app', () => {
    expect(lint('src/lib/x.ts', "import '@/features/auth/api/login';")[0]?.message).toMatch(/Shared code/);
    expect(lint('src/features/auth/x.ts', "import { routes } from '@/app/routes';")[0]?.message).toMatch(/Only src\/app/);
  });

  it('rejects barrel files', () => {
    expect(lint('src/features/auth/x.ts', "export * from './api/login';")[0]?.message).toMatch(/No barrel files/);
    expect(lint('src/components/ui/index.ts', "export { Button } from './button';")[0]?.message).toMatch(/No barrel files/);
  });

  it('allows imports inside a feature, from shared code, from packages, and app composing features', () => {
    expect(lint('src/features/auth/components/x.ts', "import { useLogin } from '../api/login';")).toEqual([]);
    expect(lint('src/features/auth/components/x.ts', "import { Button } from '@/components/ui/button';")).toEqual([]);
    expect(lint('src/features/auth/components/x.ts', "import { useState } from 'react';")).toEqual([]);
    expect(lint('src/app/layout.ts', "import { SignOutButton } from '@/features/auth/components/sign-out-button';")).toEqual([]);
  });

  it('finds no violations in the source tree', async () => {
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.{ts,tsx}'],
          // react-hooks is loaded only so its disable directives resolve.
          plugins: { mediacoop: boundaries, 'react-hooks': reactHooks },
          linterOptions: { reportUnusedDisableDirectives: 'off' },
          rules: { 'mediacoop/feature-boundaries': 'error' },
        },
        { files: ['**/*.{ts,tsx}'], languageOptions: { parser: (await import('typescript-eslint')).parser } },
      ],
    });
    const results = await eslint.lintFiles(['src/**/*.{ts,tsx}']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}: ${m.message}`));
    expect(problems).toEqual([]);
  }, 30_000);
});
