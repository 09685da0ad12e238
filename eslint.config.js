// One flat config for the whole workspace; each package runs `eslint src`.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names mark deliberately unused parameters (Hono handlers, migrations).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Migrations and dialect helpers take Kysely<any> by kysely's own convention: they must work on
    // any schema version, not just today's Database type.
    files: ['packages/db/src/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
)
