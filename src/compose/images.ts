import { FLOATING_TAGS, parseImageName, type ImageName } from '../dockerfile/image.js'
import type { Text } from './model.js'
import type { ServiceView } from './project.js'
import { trimEndOf } from '../core/text.js'

/**
 * The `image:` references DC015–DC017 judge: written in this file, known after interpolation, and of a
 * service that does not `build:` (in any layer): there the image names the build result, not a pull.
 */
export function pulledImage(view: ServiceView, image: Text | undefined): { text: Text; name: ImageName } | undefined {
  if (!image || image.value === undefined || view.effective.build) return undefined
  const name = parseImageName(image.value.trim())
  return name ? { text: image, name } : undefined
}

export type Pinning = 'digest' | 'floating' | 'missing' | 'tag'

export function pinningOf(name: ImageName): Pinning {
  if (name.digest) return 'digest'
  if (name.tag === undefined || name.tag === '') return 'missing'
  return FLOATING_TAGS.has(name.tag.toLowerCase()) ? 'floating' : 'tag'
}

/** A registry entry trusts `registry` or `registry/path` prefixes; Docker Hub is `docker.io`. */
export function isTrusted(name: ImageName, trusted: string[]): boolean {
  const full = `${name.registry}/${name.repository}`
  return trusted.some((entry) => {
    const normal = trimEndOf(entry.trim().toLowerCase(), '/')
    const hub = normal === 'index.docker.io' || normal === 'registry-1.docker.io' ? 'docker.io' : normal
    return name.registry === hub || full.toLowerCase().startsWith(hub + '/')
  })
}
