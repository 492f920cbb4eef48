import { describe, expect, it } from '@jest/globals'
import { isExcluded, matchesAny } from '../../src/core/config-file.js'

describe('exclude globs', () => {
  it.each([
    ['vendor/', 'vendor/lib/Dockerfile', true],
    ['vendor/', 'app/vendor/Dockerfile', true],
    ['vendor', 'a/b/vendor/compose.yaml', true],
    ['vendor', 'vendors/Dockerfile', false],
    ['/vendor', 'app/vendor/Dockerfile', false],
    ['/vendor', 'vendor/Dockerfile', true],
    ['test/fixtures/', 'test/fixtures/bad/Dockerfile', true],
    ['test/fixtures/', 'src/test/fixtures/Dockerfile', false],
    ['*.example.Dockerfile', 'deploy/web.example.Dockerfile', true],
    ['*.example.Dockerfile', 'deploy/web.Dockerfile', false],
    ['**/docker-compose.override.yml', 'docker-compose.override.yml', true],
    ['.devcontainer', '.devcontainer/Dockerfile', true],
    ['./Dockerfile', 'Dockerfile', true],
    ['./Dockerfile', 'app/Dockerfile', false],
    ['examples/**/compose*.yaml', 'examples/a/b/compose.prod.yaml', true]
  ])('%s on %s: %s', (glob, path, expected) => {
    expect(isExcluded(path, { exclude: [glob] })).toBe(expected)
  })

  it('matches nothing with no globs', () => {
    expect(isExcluded('Dockerfile', { exclude: [] })).toBe(false)
    expect(matchesAny('Dockerfile', [])).toBe(false)
  })
})
