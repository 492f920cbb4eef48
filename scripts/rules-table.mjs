// Prints the README's rule table from the built CLI's catalog (`node dist/cli.js rules --format json`).
// __tests__/catalog.test.ts fails when README.md's table and the registry drift apart.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..')
const rules = JSON.parse(execFileSync(process.execPath, [join(root, 'dist', 'cli.js'), 'rules', '--format', 'json'], { encoding: 'utf8' }))
console.log('| ID | slug | severity | what it finds |')
console.log('|---|---|---|---|')
for (const rule of rules) console.log(`| [${rule.id}](docs/rules/${rule.id}.md) | ${rule.slug} | ${rule.severity} | ${rule.title} |`)
