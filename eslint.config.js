// Lint, and the house plan's import boundaries (ARCHITECTURE.md): only src/vault (the token vault, a Worker)
// imports fhir-kit-client and jose, oidc-client-ts only src/smart (the authorize request) and src/vault (the code
// exchange and refresh); the page imports nothing of src/vault but its types and the worker's URL; features never
// import each other, smart and fhir never import each other.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const only = (pkg, home) => ({ group: [pkg, `${pkg}/*`], message: `Only ${home} may import ${pkg}.` });
const noReach = (folders, why) => ({ regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message: why });
const noSandbox = { regex: '(^|/)sandbox(/|$)', message: 'The app never imports the sandbox: it talks to it over HTTP.' };
const boundaries = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns: [noSandbox, ...patterns] }] });

const oidc = only('oidc-client-ts', 'src/smart and src/vault');
const kit = only('fhir-kit-client', 'src/vault');
const jose = only('jose', 'src/vault');
const vault = {
  regex: '^(\\.\\./)+vault/(?!api$|vault\\.worker\\.ts\\?worker&url$)',
  message: 'Only the token vault (a Worker) runs src/vault code: the page talks to it through src/smart/vaultClient and api.ts types.',
};

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
  { files: ['src/**/*.{ts,tsx}'], rules: boundaries(oidc, kit, jose, vault) },
  { files: ['src/vault/**'], rules: boundaries(noReach(['features', 'app', 'ui', 'lib'], 'The vault runs in a Worker: no UI code.')) },
  {
    files: ['src/smart/**'],
    rules: boundaries(kit, jose, vault, noReach(['features', 'app'], 'src/smart never imports features or app.'), {
      regex: '^\\.\\./fhir/(?!wire$)',
      message: 'src/smart uses only the wire types of src/fhir.',
    }),
  },
  { files: ['src/fhir/**'], rules: boundaries(oidc, kit, jose, vault, noReach(['smart', 'features', 'app'], 'src/fhir never sees a token: it never imports smart, features or app.')) },
  {
    files: ['src/features/**'],
    rules: boundaries(oidc, kit, noReach(['app'], 'Features never import app.'), {
      regex: '^\\.\\./(?!\\.\\./)',
      message: 'Features never import each other: move shared code to ui/, lib/ or fhir/mappers.',
    }),
  },
  { files: ['src/ui/**', 'src/lib/**'], rules: boundaries(oidc, kit, noReach(['smart', 'fhir', 'features', 'app'], 'ui/ and lib/ are presentational and generic.')) },
);
