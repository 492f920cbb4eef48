// Builds the committed bundles: dist/index.js (the Action) and dist/cli.js (the CLI), with the
// WebAssembly files the shell parser loads beside them. CI rebuilds and fails when dist/ differs.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..')
const dist = join(root, 'dist')
const scratch = join(root, 'build', 'ncc')
const ncc = join(root, 'node_modules', '.bin', 'ncc')

rmSync(dist, { recursive: true, force: true })
rmSync(scratch, { recursive: true, force: true })
mkdirSync(dist, { recursive: true })

for (const entry of ['index', 'cli']) {
  const out = join(scratch, entry)
  execFileSync(ncc, ['build', join(root, 'src', `${entry}.ts`), '-o', out, '--license', 'licenses.txt', '--quiet'], {
    stdio: 'inherit',
    cwd: root
  })
  copyFileSync(join(out, 'index.js'), join(dist, `${entry}.js`))
  // The licences of the code each bundle carries: the CLI's ship in the npm package with it.
  copyFileSync(join(out, 'licenses.txt'), join(dist, entry === 'index' ? 'licenses.txt' : 'cli-licenses.txt'))
}
writeFileSync(join(dist, 'package.json'), JSON.stringify({ type: 'module' }, null, 2) + '\n')
copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(dist, 'web-tree-sitter.wasm'))
copyFileSync(join(root, 'node_modules', 'tree-sitter-bash', 'tree-sitter-bash.wasm'), join(dist, 'tree-sitter-bash.wasm'))
const cli = join(dist, 'cli.js')
const cliText = readFileSync(cli, 'utf8')
if (!cliText.startsWith('#!')) writeFileSync(cli, '#!/usr/bin/env node\n' + cliText)
rmSync(scratch, { recursive: true, force: true })
console.log('dist/ built: index.js, cli.js, wasm files')
