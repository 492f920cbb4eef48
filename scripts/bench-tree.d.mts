// Types of bench-tree.mjs, for the TypeScript tests that use it.

export interface TreeOptions {
  dockerfiles: number
  composeFiles: number
  totalFiles: number
  projects?: number
  seed: number
}

export interface TreeManifest {
  version: number
  options: TreeOptions
  dockerfiles: string[]
  composeFiles: string[]
  companions: number
  otherFiles: number
  dockerfileBytes: number
  composeBytes: number
}

export const GENERATOR_VERSION: number
export const BENCH_TREE: TreeOptions
export const IDENTITY_TREE: TreeOptions
export function generateTree(treeDir: string, options?: TreeOptions): TreeManifest
