#!/usr/bin/env node
// Checks table.json against BuildKit's own parser testfiles (frontend/dockerfile/parser/testfiles/*/{Dockerfile,result})
// in a git directory of moby/buildkit (the search tool's fetch puts one at /work/.mirror/moby+buildkit/repo).
// Reads files with `git show` (arguments passed as an array, no shell); builds and runs nothing from the snapshot.
// Usage: node scripts/buildkit-table/check-testfiles.mjs [GIT_DIR]
// For each testfiles case it checks that the Dockerfile text is BuildKit's byte for byte, and that the
// instruction names and arguments in the table print as BuildKit's `result` (node.Dump) prints them.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const gitDir = process.argv[2] ?? '/work/.mirror/moby+buildkit/repo'
const table = JSON.parse(readFileSync(new URL('../../__tests__/dockerfile/buildkit-parity/table.json', import.meta.url), 'utf8'))
const show = (path) => execFileSync('git', ['--git-dir', gitDir, 'show', `${table.buildkitCommit}:${path}`], { encoding: 'utf8', maxBuffer: 1 << 24 })

/** BuildKit's Dump: `(name "arg" …)`, flags first, ONBUILD's trigger nested; Go's %q quoting. */
function dump(i) {
  // Go's %q writes other control characters as \xNN where JSON writes \u00NN.
  const quote = (s) => JSON.stringify(s).replace(/\\u00([01][0-9a-f])/g, '\\x$1')
  const parts = i.flags.length ? [`[${i.flags.map(quote).join(' ')}]`] : []
  if (i.trigger) parts.push(dump(i.trigger))
  else parts.push(...i.args.map(quote))
  return `(${i.name}${parts.length ? ' ' + parts.join(' ') : ''})`
}

let checked = 0
const failures = []
for (const c of table.cases.filter((x) => x.id.startsWith('testfiles/'))) {
  const dir = `frontend/dockerfile/parser/${c.id}`
  if (show(`${dir}/Dockerfile`) !== c.text) failures.push(`${c.id}: Dockerfile text differs`)
  const expected = show(`${dir}/result`).split('\n').filter((l) => l !== '')
  const actual = c.buildkit.instructions.map(dump)
  if (JSON.stringify(expected) !== JSON.stringify(actual)) failures.push(`${c.id}: result differs\n  buildkit: ${expected.join(' ')}\n  table:    ${actual.join(' ')}`)
  checked++
}
process.stdout.write(`${checked} testfiles cases checked, ${checked - failures.length} agree with BuildKit's result files\n${failures.join('\n')}\n`)
process.exitCode = failures.length ? 1 : 0
