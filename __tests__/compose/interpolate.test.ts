import { describe, expect, it } from '@jest/globals'
import { interpolate, parseDotEnv, UNKNOWN, type Lookup } from '../../src/compose/interpolate.js'

const vars: Record<string, string | null> = { SET: 'value', EMPTY: '', OPAQUE: null }
const lookup: Lookup = (name) => (name in vars ? vars[name] : undefined)
const value = (text: string) => interpolate(text, lookup).value

describe('Compose interpolation', () => {
  it.each([
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['a-${SET}-b', 'a-value-b'],
    ['${UNSET:-default}', 'default'],
    ['${EMPTY:-default}', 'default'],
    ['${EMPTY-default}', ''],
    ['${UNSET-default}', 'default'],
    ['${SET:-default}', 'value'],
    ['${SET:+alt}', 'alt'],
    ['${UNSET:+alt}', ''],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${SET:?required}', 'value'],
    ['$$SET', '$SET'],
    ['$${SET}', '${SET}'],
    ['${UNSET:-${SET}}', 'value'],
    ['${UNSET:-${ALSO_UNSET:-deep}}', 'deep'],
    ['price: 5$', 'price: 5$'],
    ['no variables', 'no variables']
  ])('%s is %s', (text, expected) => {
    expect(value(text)).toBe(expected)
  })

  it.each([['${UNSET}'], ['$UNSET'], ['${UNSET:?set it}'], ['${UNSET?set it}'], ['${OPAQUE:-x}'], ['${unterminated'], ['${}']])(
    '%s stays unknown',
    (text) => {
      expect(value(text)).toBeUndefined()
      expect(interpolate(text, lookup).shape).toContain(UNKNOWN)
    }
  )

  it('marks only the unknown part in the shape', () => {
    expect(interpolate('${XDG_RUNTIME_DIR}/docker.sock', lookup).shape).toBe(`${UNKNOWN}/docker.sock`)
  })

  it('is linear on hostile input', () => {
    const started = Date.now()
    interpolate('${A:-'.repeat(20000) + '}'.repeat(20000), lookup)
    interpolate('$'.repeat(200000), lookup)
    interpolate('${'.repeat(100000), lookup)
    expect(Date.now() - started).toBeLessThan(1000)
  })
})

describe('.env files', () => {
  it('reads assignments as Compose does', () => {
    const env = parseDotEnv(
      [
        '# comment',
        'export A=1',
        'B = two words  # comment',
        "C='single ${A}'",
        'D="double ${A}\\n"',
        'E="multi',
        'line"',
        'F=${A}-${UNSET}',
        'G=',
        'not an assignment',
        ''
      ].join('\n')
    )
    expect(Object.fromEntries(env)).toEqual({ A: '1', B: 'two words', C: 'single ${A}', D: 'double 1\n', E: 'multi\nline', F: null, G: '' })
  })
})
