// Writes the table of config keys in docs/configuration.md from containment.schema.json, so the two
// cannot drift: `node scripts/config-docs.mjs` rewrites the table, `--check` fails when it is stale.
// Options for tests: --schema <file> --docs <file>.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..')
const START = '<!-- config-keys:start (generated from containment.schema.json by scripts/config-docs.mjs; do not edit) -->'
const END = '<!-- config-keys:end -->'

function option(name, fallback) {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : fallback
}

/** Markdown rows for the schema's keys, nested keys as `secrets.names` and `ignore[].reason`. */
export function renderTable(schema) {
  const rows = ['| Key | Type | Default | Description |', '|---|---|---|---|']
  const visit = (properties, prefix) => {
    for (const [key, property] of Object.entries(properties)) {
      if (key === '$schema') continue
      const name = prefix + key
      rows.push(`| \`${name}\` | ${typeOf(property)} | ${defaultOf(property)} | ${cell(property.description ?? '')} |`)
      if (property.type === 'object' && property.properties) visit(property.properties, `${name}.`)
      if (property.type === 'array' && property.items?.properties) visit(property.items.properties, `${name}[].`)
    }
  }
  visit(schema.properties, '')
  return rows.join('\n')
}

function typeOf(property) {
  if (property.enum) return property.enum.map((v) => `\`${v}\``).join(' \\| ')
  if (property.type === 'array') {
    const items = property.items ?? {}
    if (items.properties) return 'list of entries'
    if (items.type === 'integer') return `list of whole numbers${items.minimum !== undefined ? ` (${items.minimum}-${items.maximum})` : ''}`
    return 'list of strings'
  }
  if (property.type === 'object' && property.additionalProperties?.enum) {
    return `rule ID → ${property.additionalProperties.enum.map((v) => `\`${v}\``).join(' \\| ')}`
  }
  if (property.type === 'object') return 'mapping'
  return property.type === 'boolean' ? '`true` \\| `false`' : property.type
}

function defaultOf(property) {
  if (property.default === undefined) return 'unset'
  const value = JSON.stringify(property.default)
  return value === '{}' && property.type === 'object' && property.properties ? '' : `\`${value}\``
}

function cell(text) {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

/** The docs with the generated table in place of the old one. */
export function updateDocs(docs, schema) {
  const start = docs.indexOf(START)
  const end = docs.indexOf(END)
  if (start < 0 || end < start) throw new Error(`the docs have no "${START}" … "${END}" markers`)
  return `${docs.slice(0, start)}${START}\n${renderTable(schema)}\n${docs.slice(end)}`
}

function main() {
  const schemaPath = option('--schema', join(root, 'containment.schema.json'))
  const named = option('--docs', undefined)
  const docsPaths = named ? [named] : [join(root, 'docs', 'configuration.md'), join(root, 'README.md')]
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'))
  for (const docsPath of docsPaths) {
    const docs = readFileSync(docsPath, 'utf8')
    const updated = updateDocs(docs, schema)
    if (process.argv.includes('--check')) {
      if (updated !== docs) {
        console.error(`${docsPath} is out of date with ${schemaPath}: run node scripts/config-docs.mjs`)
        process.exit(1)
      }
      console.log(`${docsPath} matches ${schemaPath}`)
      continue
    }
    writeFileSync(docsPath, updated)
    console.log(`${docsPath} updated from ${schemaPath}`)
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) main()
