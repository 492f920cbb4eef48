import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, prepareEngine, project } from './helpers.js'

beforeAll(prepareEngine)

describe('DC013 writable-root-filesystem', () => {
  it('fires once per service at the service key', () => {
    expect(compose('DC013', 'services:\n  web:\n    image: a:1\n  db:\n    image: b:1\n')).toEqual(['2:3 info', '4:3 info'])
  })

  it('fires on an explicit false, at the setting', () => {
    expect(compose('DC013', 'services:\n  web:\n    image: a:1\n    read_only: false\n')).toEqual(['4:5 info'])
  })

  it.each([['read_only: true'], ['read_only: "true"'], ['read_only: yes'], ['read_only: ${RO:-true}'], ['read_only: ${RO}']])('does not fire with %s', (setting) => {
    expect(compose('DC013', `services:\n  web:\n    image: a:1\n    ${setting}\n`)).toEqual([])
  })

  it('takes read_only from the override file Compose loads beside the base', () => {
    expect(project('DC013', { 'compose.yaml': 'services:\n  web:\n    image: a:1\n', 'compose.override.yaml': 'services:\n  web:\n    read_only: true\n' })).toEqual([])
  })
})
