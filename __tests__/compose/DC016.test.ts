import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, prepareEngine } from './helpers.js'

beforeAll(prepareEngine)

describe('DC016 image-not-digest-pinned', () => {
  it('fires on a tag without digest, at the image entry', () => {
    expect(compose('DC016', 'services:\n  web:\n    image: nginx:1.27\n')).toEqual(['3:5 info'])
  })

  it.each([
    ['a digest', 'image: nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'],
    ['no tag (DC015 reports it)', 'image: nginx'],
    ['a floating tag (DC015 reports it)', 'image: nginx:latest'],
    ['a service that builds', 'image: myapp:1.0\n    build: .'],
    ['an unknown tag', 'image: nginx:${TAG}']
  ])('does not fire on %s', (_name, setting) => {
    expect(compose('DC016', `services:\n  web:\n    ${setting}\n`)).toEqual([])
  })
})
