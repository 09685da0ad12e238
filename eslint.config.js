// One flat config for the whole workspace; each package runs `eslint src`.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/dev-dist/**', '**/public/mockServiceWorker.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    // <script setup lang="ts"> is TypeScript: parse it with the TypeScript parser. TypeScript
    // already reports undefined names there; `no-undef` would flag DOM types (KeyboardEvent).
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['**/*.{ts,vue}'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', navigator: 'readonly' } },
    rules: {
      // `_`-prefixed names mark deliberately unused parameters (Hono handlers, migrations).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Formatting is not a lint matter here; these vue rules only argue about layout.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    // Migrations and dialect helpers take Kysely<any> by kysely's own convention: they must work on
    // any schema version, not just today's Database type.
    files: ['packages/db/src/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
)
