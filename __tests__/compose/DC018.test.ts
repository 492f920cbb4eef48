import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, lines, prepareEngine } from './helpers.js'

beforeAll(prepareEngine)

describe('DC018 mount-propagation-shared', () => {
  it.each([['shared'], ['rshared'], ['slave'], ['rslave'], ['ro,rshared']])('fires on short syntax %s, at the item', (mode) => {
    expect(compose('DC018', `services:\n  web:\n    image: a:1\n    volumes:\n      - /mnt/data:/data:${mode}\n`)).toEqual(['5:9 high'])
  })

  it('fires on the long syntax, at propagation', () => {
    const text = lines`
      services:
        web:
          image: a:1
          volumes:
            - type: bind
              source: ./data
              target: /data
              bind:
                propagation: rshared
    `
    expect(compose('DC018', text)).toEqual(['9:11 high'])
  })

  it.each([['private'], ['rprivate'], ['ro'], ['z']])('does not fire on %s', (mode) => {
    expect(compose('DC018', `services:\n  web:\n    image: a:1\n    volumes:\n      - /mnt/data:/data:${mode}\n`)).toEqual([])
  })
})
