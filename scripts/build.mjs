// Builds the committed bundles: dist/index.js (the Action) and dist/cli.js (the CLI), with the
// WebAssembly files the shell parser loads beside them. CI rebuilds and fails when dist/ differs.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const ncc = require('@vercel/ncc')
const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..')
const dist = join(root, 'dist')

rmSync(dist, { recursive: true, force: true })
mkdirSync(dist, { recursive: true })

// Minified (-m): V8 parses the whole bundle at every start, and start-up is most of a small run (about
// 10 ms of 140 on the CLI's cold start; see docs/performance.md). No source maps: stack traces of an
// internal error name minified functions, the message and the file that caused it are what users report.
// The CLI bundle is dist/cli-main.js behind a small dist/cli.js that turns on V8's compile cache first
// (Node 22.1+): a module's compilation is cached only when it is loaded after the cache is enabled.
// The Action's bundle leaves `undici` to a small stand-in that loads the real one (its own bundle,
// dist/undici.cjs) only when a proxy is used: see src/action/vendor/undici-on-demand.cjs.
const ACTION_EXTERNALS = { undici: './undici-on-demand.cjs' }
for (const [entry, file] of [['index', 'index.js'], ['cli', 'cli-main.js']]) {
  const built = await ncc(join(root, 'src', `${entry}.ts`), {
    minify: true,
    license: 'licenses.txt',
    quiet: true,
    cache: false,
    externals: entry === 'index' ? ACTION_EXTERNALS : {}
  })
  const chunks = Object.keys(built.assets).filter((f) => f.endsWith('.js'))
  if (chunks.length) throw new Error(`ncc emitted chunk files for ${entry} (${chunks.join(', ')}): dist/ ships one bundle per entry`)
  writeFileSync(join(dist, file), built.code)
  // The licences of the code each bundle carries: the CLI's ship in the npm package with it.
  writeFileSync(join(dist, entry === 'index' ? 'licenses.txt' : 'cli-licenses.txt'), built.assets['licenses.txt']?.source ?? '')
}
const proxyStack = await ncc(require.resolve('undici'), { minify: true, quiet: true, cache: false })
writeFileSync(join(dist, 'undici.cjs'), proxyStack.code)
// undici's licence, in the form ncc writes the others (ncc leaves out the package that is the entry itself).
const undiciLicense = readFileSync(join(root, 'node_modules', 'undici', 'LICENSE'), 'utf8')
writeFileSync(join(dist, 'licenses.txt'), readFileSync(join(dist, 'licenses.txt'), 'utf8') + `\n\nundici\nMIT\n${undiciLicense}`)
copyFileSync(join(root, 'src', 'action', 'vendor', 'undici-on-demand.cjs'), join(dist, 'undici-on-demand.cjs'))
writeFileSync(join(dist, 'package.json'), JSON.stringify({ type: 'module' }, null, 2) + '\n')
copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(dist, 'web-tree-sitter.wasm'))
// The shell parser's runtime as a file of its own too: long shell texts are parsed first in a worker thread that
// can be stopped at a deadline (src/shell/isolated-parse.ts), and a thread cannot load the copy inside a bundle.
copyFileSync(require.resolve('web-tree-sitter'), join(dist, 'web-tree-sitter.cjs'))
copyFileSync(join(root, 'node_modules', 'tree-sitter-bash', 'tree-sitter-bash.wasm'), join(dist, 'tree-sitter-bash.wasm'))
writeFileSync(
  join(dist, 'cli.js'),
  [
    '#!/usr/bin/env node',
    '// The CLI (bundled in cli-main.js). V8 keeps compiled code for it between runs where Node has a compile',
    '// cache (22.1 and later; a directory under the temporary directory, or NODE_COMPILE_CACHE).',
    "import module from 'node:module'",
    'module.enableCompileCache?.()',
    "await import('./cli-main.js')",
    ''
  ].join('\n')
)
console.log('dist/ built: index.js, cli.js (cli-main.js), the shell parser runtime and wasm files')
