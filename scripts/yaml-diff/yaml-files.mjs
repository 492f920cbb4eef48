// The YAML files under a directory, in a stable order: the corpus both generate.mjs and mutate.mjs read.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

export function yamlFilesUnder(dir) {
  let files = []
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) files = files.concat(yamlFilesUnder(path))
    else if (/\.ya?ml$/i.test(entry)) files.push(path)
  }
  return files
}
