import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where a file of the shell parser's runtime lives: beside the bundle in dist/, else in node_modules. */
function runtimeFile(file: string, packageSpecifier: string): string {
  const beside = join(dirname(fileURLToPath(import.meta.url)), file)
  if (existsSync(beside)) return beside
  return createRequire(import.meta.url).resolve(packageSpecifier)
}

export function runtimeWasm(): string {
  return runtimeFile('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm')
}

export function grammarWasm(): string {
  return runtimeFile('tree-sitter-bash.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm')
}

/**
 * web-tree-sitter's CommonJS build as a file a worker thread can require: a copy beside the bundle in dist/
 * (the bundle carries its own, which a thread cannot load), the CommonJS hop beside the sources.
 */
export function runtimeModule(): string {
  return runtimeFile('web-tree-sitter.cjs', 'web-tree-sitter')
}
