import { Ajv2020 } from 'ajv/dist/2020.js'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * A validator for the OASIS SARIF 2.1.0 schema (__tests__/fixtures/sarif-schema-2.1.0.json, the copy in
 * oasis-tcs/sarif-spec, which github/codeql-action also validates uploads against). Two quirks of that
 * file are handled here, not by editing it: its `region` puts an `anyOf` inside `properties` (so the
 * schema itself is not valid against the meta-schema), and its `language` pattern uses the `(?i)` flag,
 * which JavaScript regular expressions do not have.
 */
const schema = JSON.parse(readFileSync(join(import.meta.dirname ?? __dirname, '..', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'))

const regExp = Object.assign(
  (pattern: string, flags: string) => (pattern.startsWith('^(?i)') ? new RegExp('^' + pattern.slice(5), flags + 'i') : new RegExp(pattern, flags)),
  { code: 'new RegExp' }
)
const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false, code: { regExp } })
ajv.addFormat('uri', (value: string) => URL.canParse(value))
ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///') && !/\s/.test(value))
ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)))
const validate = ajv.compile(schema)

/** The schema errors of a SARIF log, as readable strings (empty when valid). */
export function sarifErrors(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`)
}
