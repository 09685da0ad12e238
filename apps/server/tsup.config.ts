import { defineConfig } from 'tsup'

// Two self-contained ESM files: dist/main.js (the server) and dist/cli.js (the `chayi` bin).
// Our own packages ship TypeScript sources, so they are bundled in. Third-party packages that
// this package lists as dependencies stay external (tsup's default) and resolve from
// apps/server/node_modules at run time; the ones named below must stay external whatever happens:
// native bindings, and packages that load files or workers by path at run time.
export default defineConfig({
  entry: { main: 'src/main.ts', cli: 'src/cli.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  noExternal: [/^@chayi\//],
  // exceljs is CommonJS that require()s Node built-ins, which an ESM bundle cannot do.
  external: ['better-sqlite3', 'pg', 'pg-native', 'pino', 'swagger-ui-dist', 'exceljs'],
  // One build for both entries (a second parallel build could race the clean). The shebang makes
  // dist/cli.js runnable as the package's `chayi` bin and is harmless in dist/main.js.
  banner: { js: '#!/usr/bin/env node' },
  splitting: false,
  sourcemap: true,
  clean: true,
})
