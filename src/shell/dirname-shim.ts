import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

// ncc leaves CommonJS `__dirname` references of bundled CJS modules (web-tree-sitter) as they are in its ESM
// output, where they do not exist. This must be the first import of every entry point.
const scope = globalThis as { __dirname?: string; __filename?: string }
if (scope.__dirname === undefined) {
  scope.__filename = fileURLToPath(import.meta.url)
  scope.__dirname = dirname(scope.__filename)
}
