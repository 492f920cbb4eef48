import type { ImageName } from '../image.js'
import { describeReference, imageUses } from '../image-uses.js'
import type { DockerfileRule } from '../rule.js'
import { trimEndOf } from '../../core/text.js'

export const DF010: DockerfileRule = {
  id: 'DF010',
  slug: 'untrusted-registry',
  title: 'Image from a registry that is not trusted',
  severity: 'high',
  principles: ['P3'],
  rationale: 'Images from registries outside the allowed list escape the review, scanning and signing the project relies on.',
  fix: 'Pull the image from a trusted registry (mirror it there), or add its registry to trusted-registries if it is trusted.',
  equivalents: { hadolint: ['DL3026'], cis: ['4.2', '4.5'] },
  check(model, report, context) {
    const trusted = context.config.trustedRegistries
    if (!trusted) return
    for (const { reference, via } of imageUses(model)) {
      const name = reference.name
      if (reference.kind !== 'image' || !name || isTrusted(name, trusted)) continue
      report(
        reference.range,
        `${via} ${describeReference(reference)} comes from "${name.registry}", which is not in trusted-registries (${trusted.join(', ') || 'empty'}): its images bypass the registries this project trusts. Mirror the image to a trusted registry or add the registry to the list.`
      )
    }
  }
}

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com'])

/**
 * An entry is a registry host (`ghcr.io`, `docker.io`), a host with a leading wildcard (`*.example.com`),
 * or a host and a repository prefix (`docker.io/library` for official images, `ghcr.io/my-org`).
 */
export function isTrusted(name: ImageName, trusted: string[]): boolean {
  const full = `${name.registry}/${name.repository}`.toLowerCase()
  return trusted.some((entry) => {
    const normal = normalizeEntry(entry)
    if (normal === '') return false
    if (normal.startsWith('*.')) return name.registry.endsWith(normal.slice(1))
    return full === normal || full.startsWith(`${normal}/`)
  })
}

function normalizeEntry(entry: string): string {
  const bare = trimEndOf(entry.trim().toLowerCase().replace(/^[a-z]+:\/\//, ''), '/')
  const slash = bare.indexOf('/')
  const host = slash < 0 ? bare : bare.slice(0, slash)
  return (DOCKER_HUB.has(host) ? 'docker.io' : host) + (slash < 0 ? '' : bare.slice(slash))
}
