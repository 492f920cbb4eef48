// Mutation run for the YAML differential: takes the corpus's Compose/YAML files, applies a few random
// small edits to each (seeded, so a run is reproducible), and records go-yaml v3's verdict and value
// tree for every mutant in a table of the same format as __tests__/fixtures/yaml-differential/table.json,
// written under /tmp (mutants are not committed). Then the differential test checks the product on it:
//
//   node scripts/yaml-diff/mutate.mjs [seed] [mutants-per-file]      # default seed 1, 10 per file
//   YAML_DIFF_TABLE=/tmp/yaml-mutants/table.json YAML_DIFF_REPORT=1 \
//     NODE_OPTIONS=--experimental-vm-modules npx jest __tests__/compose/yaml-differential.test.ts
//
// Needs Go and Debian's golang-gopkg-yaml.v3-dev, as generate.mjs does.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { yamlFilesUnder } from './yaml-files.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const corpus = process.env.YAML_DIFF_CORPUS ?? join(root, '..', 'shared', 'corpus')
const seed = Number(process.argv[2] ?? 1)
const perFile = Number(process.argv[3] ?? 10)
const work = '/tmp/yaml-mutants'

/** mulberry32: a small seeded generator. */
function generator(a) {
  return () => {
    a |= 0
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = generator(seed)
const pick = (items) => items[Math.floor(random() * items.length)]
const SIGNIFICANT = [' ', ' ', '  ', '\t', '\n', '\r\n', ':', ': ', '-', '- ', '#', ' #', '"', "'", '[', ']', '{', '}', ',', '&a', '*a', '!', '!!str ', '|', '>', '?', '%', '...', '---', '\\', 'yes', '0x1', '<<: *a', '\u00a0', '\ufeff', '\u2028', '\u0085', 'x']

/** One small edit: insert, delete or replace a few characters, or move, copy, indent or dedent a line. */
function mutate(text) {
  if (text.length === 0) return pick(SIGNIFICANT)
  const at = Math.floor(random() * text.length)
  const lines = text.split('\n')
  const line = Math.floor(random() * lines.length)
  switch (Math.floor(random() * 8)) {
    case 0:
      return text.slice(0, at) + pick(SIGNIFICANT) + text.slice(at)
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3))
    case 2:
      return text.slice(0, at) + pick(SIGNIFICANT) + text.slice(at + 1)
    case 3:
      lines.splice(line, 0, lines[Math.floor(random() * lines.length)])
      return lines.join('\n')
    case 4:
      lines[line] = pick([' ', '  ', '\t']) + lines[line]
      return lines.join('\n')
    case 5:
      lines[line] = lines[line].replace(/^ {1,2}/, '')
      return lines.join('\n')
    case 6:
      lines.splice(line, 1)
      return lines.join('\n')
    default: {
      const other = Math.floor(random() * lines.length)
      ;[lines[line], lines[other]] = [lines[other], lines[line]]
      return lines.join('\n')
    }
  }
}


const cases = []
for (const file of yamlFilesUnder(corpus)) {
  const text = readFileSync(file, 'utf8')
  if (text.length > 200_000) continue
  for (let i = 0; i < perFile; i++) {
    let mutant = text
    const edits = 1 + Math.floor(random() * 3)
    for (let e = 0; e < edits; e++) mutant = mutate(mutant)
    cases.push({ name: `mutant ${i} of ${relative(corpus, file)}`, input: mutant })
  }
}

mkdirSync(join(work, 'files'), { recursive: true })
const binary = join(work, 'yaml-diff')
execFileSync('go', ['build', '-o', binary, join(root, 'scripts', 'yaml-diff', 'main.go')], {
  env: { ...process.env, GO111MODULE: 'off', GOPATH: process.env.GOPATH ?? '/usr/share/gocode', GOCACHE: join(work, 'cache') },
  stdio: 'inherit'
})
const paths = cases.map((c, i) => {
  const path = join(work, 'files', `${i}.yaml`)
  writeFileSync(path, c.input)
  return path
})
const verdicts = {}
for (let i = 0; i < paths.length; i += 500) {
  Object.assign(verdicts, JSON.parse(execFileSync(binary, paths.slice(i, i + 500), { maxBuffer: 1 << 28 }).toString('utf8')))
}
const table = {
  about: `mutants of the corpus (seed ${seed}, ${perFile} per file) with go-yaml v3's verdicts, from scripts/yaml-diff/mutate.mjs`,
  cases: cases.map((c, i) => ({ name: c.name, input: c.input, expected: verdicts[paths[i]] }))
}
writeFileSync(join(work, 'table.json'), JSON.stringify(table) + '\n')
const accepted = table.cases.filter((c) => c.expected.ok).length
console.log(`${cases.length} mutants, go-yaml accepts ${accepted}; wrote ${join(work, 'table.json')}`)
