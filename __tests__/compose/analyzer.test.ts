import { describe, expect, it } from '@jest/globals'
import { composeAnalyzer, isComposeName, looksLikeCompose } from '../../src/compose/analyzer.js'
import { analyzerFor } from '../../src/core/engine.js'
import { allRules } from '../../src/core/registry.js'

describe('Compose discovery', () => {
  it.each([
    'compose.yaml',
    'compose.yml',
    'docker-compose.yaml',
    'docker-compose.yml',
    'Docker-Compose.YML',
    'deploy/docker-compose.override.yml',
    'compose.prod.yaml',
    'docker-compose-dev.yml',
    'docker-compose.test.yml',
    'app.compose.yaml',
    'extensions/filebeat/filebeat-compose.yml'
  ])('recognises %s by name', (path) => {
    expect(isComposeName(path)).toBe(true)
    expect(analyzerFor({ path }, undefined)?.kind).toBe('compose')
  })

  it.each(['compose.json', 'docker-compose', 'decompose.yml', 'composer.yml', 'compose/values.yaml', 'my-composer.yaml', '.github/workflows/ci.yml', 'Dockerfile'])(
    'does not take %s for a Compose file',
    (path) => {
      expect(isComposeName(path)).toBe(false)
    }
  )

  it('recognises a file named explicitly by its content: a mapping with a services mapping', () => {
    expect(looksLikeCompose('services:\n  web:\n    image: a:1\n')).toBe(true)
    expect(looksLikeCompose('# stack\nversion: "3"\nservices:\n  web: {image: a}\n')).toBe(true)
    expect(looksLikeCompose('services: [a]\n')).toBe(false)
    expect(looksLikeCompose('spring:\n  services:\n    web: {}\n')).toBe(false)
    expect(looksLikeCompose('services: [\n')).toBe(false)
    expect(analyzerFor({ path: 'stack/app.yml', explicit: true }, 'services:\n  web:\n    image: a:1\n')?.kind).toBe('compose')
  })

  it('puts every DC rule and DX001 in the catalog, with documentation fields filled', () => {
    const ids = composeAnalyzer.rules.map((r) => r.id)
    expect(ids).toEqual([...Array.from({ length: 21 }, (_, i) => `DC${String(i + 1).padStart(3, '0')}`), 'DX001'])
    for (const rule of composeAnalyzer.rules) {
      expect(allRules).toContain(rule)
      expect(rule.rationale.length).toBeGreaterThan(20)
      expect(rule.fix.length).toBeGreaterThan(10)
    }
  })
})
