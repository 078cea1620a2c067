// Lint: type-aware rules for the whole tree, and the process boundary: the renderer may
// import only the contract's types (and its pure message table) from the core.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * The core's layers, lowest first. A folder may import its own files and the layers below
 * it; feature folders may import each other only along the edges listed in FEATURE_EDGES.
 * docs/architecture.md draws the same picture.
 */
const FOUNDATION = ['domain', 'platform', 'contract'];
const FEATURES = ['households', 'counter', 'stock', 'points', 'accounting', 'trust', 'printing', 'demo', 'reporting', 'hardware'];
/** Deliberate edges between feature folders, each with its reason. */
const FEATURE_EDGES = {
  households: ['counter'], // the scan box's lookup also resolves goods barcodes
  points: ['households'], // awards post to a household's default passbook
  accounting: ['trust', 'printing'], // the day close runs the integrity checks and prints its slip
  demo: ['points', 'households', 'counter'], // the demo village adopts a rule book, makes households, sells
  hardware: ['points'], // the customer display shows the honour board and notices
  reporting: ['accounting'], // catching up closes the days a report needs
};
const dir = (d) => `./db/${d}`;
/**
 * Feature folders whose services take a narrow context (db/books/context.ts: StoreContext,
 * or the folder's own CounterContext, TrustContext, AccountingContext, ReportingContext)
 * instead of the whole Core. Printing and demo are built by the Core or drive it whole.
 */
const NARROW_CONTEXT = ['households', 'stock', 'points', 'hardware', 'counter', 'accounting', 'trust', 'reporting'];
const COMPOSITION = ['./db/core.ts', './db/dispatch.ts', './db/setup.ts', './db/handlers'];
const layerZones = [
  { target: './db', from: './hosts', message: 'The core knows nothing of its hosts.' },
  { target: './db', from: './renderer', message: 'The core never imports UI code.' },
  ...FOUNDATION.map((d) => ({
    target: dir(d),
    from: [...FEATURES.filter((f) => !(d === 'contract' && (f === 'printing' || f === 'hardware'))).map(dir), dir('books'), ...COMPOSITION],
    message: `db/${d} is a foundation layer: it imports only domain, platform and contract.`,
  })),
  // The contract validates printer and reader settings with those folders' own schemas.
  {
    target: dir('contract'),
    from: dir('printing'),
    except: ['./settings.ts'],
    message: 'db/contract may import only the printer settings schema from db/printing.',
  },
  {
    target: dir('contract'),
    from: dir('hardware'),
    except: ['./reader-settings.ts'],
    message: 'db/contract may import only the reader settings schema from db/hardware.',
  },
  {
    target: dir('books'),
    from: [...FEATURES.map(dir), ...COMPOSITION],
    message: 'db/books (ledger, stock moves, chains, audit, operators, settings) sits below every feature.',
  },
  ...FEATURES.map((f) => ({
    target: dir(f),
    from: [...FEATURES.filter((g) => g !== f && !(FEATURE_EDGES[f] ?? []).includes(g)).map(dir), './db/dispatch.ts', './db/setup.ts', './db/handlers'],
    message: `db/${f} may import shared layers and only the feature folders listed for it in eslint.config.js (FEATURE_EDGES).`,
  })),
  ...NARROW_CONTEXT.map((f) => ({
    target: dir(f),
    from: './db/core.ts',
    message: `db/${f}'s services take a narrow context (db/books/context.ts), not the whole Core.`,
  })),
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'tests/artifacts/**', 'build/**', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['vite.config.ts'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    // One direction of imports: no cycles anywhere in the core and hosts, and the layers above.
    files: ['db/**/*.ts', 'hosts/**/*.ts', 'hosts/**/*.cts', 'hub/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.cts'], extensionAlias: { '.js': ['.ts', '.tsx', '.js'], '.cjs': ['.cts', '.cjs'] } }),
      ],
      'import-x/extensions': ['.ts', '.tsx', '.cts', '.js'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    // The classic hook rules. The React Compiler's newer rules (set-state-in-effect, refs)
    // flag the load-in-an-effect pattern every page uses; they wait for the compiler.
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(db|hosts)/(?!contract/)',
              message: 'The renderer may import only db/contract (types and the message table); everything else crosses the process boundary.',
            },
            { regex: '^(node:|better-sqlite3|electron$)', message: 'No Node or Electron modules in the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts', 'tests/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The core and the tests never import electron.' }] }],
    },
  },
);
