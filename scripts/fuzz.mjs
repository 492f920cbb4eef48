// `npm run fuzz`: the fuzzer (__tests__/fuzz/main.ts) bundled with ncc into .fuzz/ (gitignored) and run
// in-process on the engine. Arguments go to the fuzzer: `npm run fuzz -- --seed 7 --count 5000`; --help lists them.
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, '.fuzz', 'bundle')
mkdirSync(out, { recursive: true })
// --transpile-only: `npm test` type-checks the fuzzer; a bundle is wanted even while other work has a type error.
execFileSync(join(root, 'node_modules', '.bin', 'ncc'), ['build', join(root, '__tests__', 'fuzz', 'main.ts'), '-o', out, '--quiet', '--transpile-only'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit']
})
writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n')
copyFileSync(join(root, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm'), join(out, 'web-tree-sitter.wasm'))
copyFileSync(join(root, 'node_modules', 'tree-sitter-bash', 'tree-sitter-bash.wasm'), join(out, 'tree-sitter-bash.wasm'))
const run = spawnSync(process.execPath, [join(out, 'index.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CONTAINMENT_ROOT: root }
})
process.exit(run.status ?? 1)
