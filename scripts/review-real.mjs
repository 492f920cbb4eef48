// Lists the medium+ findings on ../shared/corpus/real that __tests__/real-world/review.json does not judge,
// the judged-true ones that vanished and the judged-false ones still reported, so that the review can be
// refreshed after a merge (new Compose files parsing, rules changed).
//
//   npm run build && node scripts/review-real.mjs            # report; exit 1 when something needs a judgement
//   node scripts/review-real.mjs --stub                      # also append stubs (verdict null) to review.json
//   node scripts/review-real.mjs --prune                     # also drop entries whose finding vanished
//   node scripts/review-real.mjs --corpus <dir>
//
// Fill each stub's verdict (true/false) and one-line reason after reading the file at the line; a false one
// must be fixed in the rules, or kept with "knownFalse": true and the reason it cannot be fixed yet.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { compareReview, stub } from './real-review.mjs'

const root = resolve(import.meta.dirname, '..')
const at = process.argv.indexOf('--corpus')
const corpus = resolve(at >= 0 ? process.argv[at + 1] : join(root, '..', 'shared', 'corpus', 'real'))
const reviewPath = join(root, '__tests__', 'real-world', 'review.json')
if (!existsSync(corpus)) {
  console.error(`no corpus at ${corpus}`)
  process.exit(2)
}
const child = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'scan', '.', '--format', 'json', '--all', '--fail-on', 'never'], {
  cwd: corpus,
  encoding: 'utf8',
  maxBuffer: 512 * 1024 * 1024
})
if (child.status !== 0) {
  console.error(`dist/cli.js exited ${child.status}: ${child.stderr.slice(0, 2000)} (run npm run build first)`)
  process.exit(2)
}
const findings = JSON.parse(child.stdout).findings
const review = existsSync(reviewPath) ? JSON.parse(readFileSync(reviewPath, 'utf8')) : []
const { unjudged, vanished, stillFalse } = compareReview(findings, review)

for (const { finding } of unjudged) console.log(`UNJUDGED ${finding.ruleId} ${finding.severity} ${finding.file}:${finding.line}:${finding.column} ${finding.message.slice(0, 200)}`)
for (const entry of vanished) console.log(`VANISHED (judged true) ${entry.key}`)
for (const { key, entry } of stillFalse) console.log(`STILL REPORTED (judged false: ${entry.reason}) ${key}`)
console.log(`${findings.length} findings; ${unjudged.length} unjudged, ${vanished.length} judged true and vanished, ${stillFalse.length} judged false and still reported`)

let next = review
if (process.argv.includes('--prune')) {
  const gone = new Set(vanished.map((e) => e.key))
  next = next.filter((e) => !gone.has(e.key))
}
if (process.argv.includes('--stub')) {
  const stale = new Set(unjudged.map((u) => u.key))
  next = [...next.filter((e) => !stale.has(e.key)), ...unjudged.map((u) => stub(u.finding))]
}
if (next !== review) {
  next.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  writeFileSync(reviewPath, `${JSON.stringify(next, null, 1)}\n`)
  console.log(`wrote ${reviewPath} (${next.length} entries)`)
}
process.exit(unjudged.length + vanished.length + stillFalse.length > 0 ? 1 : 0)
