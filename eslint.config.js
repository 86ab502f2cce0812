// Lint, and the house plan's import boundaries (ARCHITECTURE.md): only src/smart imports oidc-client-ts, only
// src/fhir imports fhir-kit-client, features never import each other, smart and fhir never import each other.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const only = (pkg, home) => ({ group: [pkg, `${pkg}/*`], message: `Only ${home} may import ${pkg}.` });
const noReach = (folders, why) => ({ regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message: why });
const noSandbox = { regex: '(^|/)sandbox(/|$)', message: 'The app never imports the sandbox: it talks to it over HTTP.' };
const boundaries = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns: [noSandbox, ...patterns] }] });

const oidc = only('oidc-client-ts', 'src/smart');
const kit = only('fhir-kit-client', 'src/fhir');

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'test-results', 'playwright-report', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}', 'tests/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['sandbox/**/*.ts', 'tests/e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,js,mjs,mts}', 'deploy/**/*.ts', '*.config.{ts,js}'], languageOptions: { globals: { ...globals.node } } },
  { files: ['src/**/*.{ts,tsx}'], rules: boundaries(oidc, kit) },
  { files: ['src/smart/**'], rules: boundaries(kit, noReach(['fhir', 'features', 'app'], 'src/smart never imports fhir, features or app.')) },
  { files: ['src/fhir/**'], rules: boundaries(oidc, noReach(['smart', 'features', 'app'], 'src/fhir gets the token by injection: it never imports smart, features or app.')) },
  {
    files: ['src/features/**'],
    rules: boundaries(oidc, kit, noReach(['app'], 'Features never import app.'), {
      regex: '^\\.\\./(?!\\.\\./)',
      message: 'Features never import each other: move shared code to ui/, lib/ or fhir/mappers.',
    }),
  },
  { files: ['src/ui/**', 'src/lib/**'], rules: boundaries(oidc, kit, noReach(['smart', 'fhir', 'features', 'app'], 'ui/ and lib/ are presentational and generic.')) },
);
